"""Render the form view for docs/screenshots/form-<lang>.png (run as a script, offscreen).

Demo data; a practice open with a constraint message showing (a summary that is too short).
``python tests/app/form/screenshots.py [OUT_DIR]``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gcm_collect.demo.generate import generate  # noqa: E402
from gcm_collect.i18n import is_rtl, set_language  # noqa: E402
from gcm_collect.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]


def shoot(out: Path, lang: str) -> Path:
    from gcm_collect.app.form import FormView

    app = QApplication.instance() or QApplication(sys.argv)
    set_language(lang)
    app.setLayoutDirection(Qt.RightToLeft if is_rtl(lang) else Qt.LeftToRight)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "demo.db") as store:
        generate(store, 30, seed=11)
        sub = next(
            s
            for s in store.list_submissions()
            if len(store.get_instances(s.uuid).get("practices", [])) >= 3
            and s.status != "finalized"
        )
        view = FormView(store, sub.uuid)
        view.resize(1280, 860)
        view.show()
        practice = store.get_instances(sub.uuid)["practices"][1]
        view.jump_to(f"practices[{practice}]/practice_summary")
        summary = view.ctrl.parts[f"practices[{practice}]/practice_summary"]
        summary.edit.setPlainText("Too short.")
        view.flush()
        view.jump_to(f"practices[{practice}]/practice_title")
        QTest.qWait(500)  # let the offscreen backing store settle before grabbing
        path = out / f"form-{lang}.png"
        view.grab().save(str(path))
        view.close()
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for code in ("en", "ar"):
        print(shoot(target, code))
