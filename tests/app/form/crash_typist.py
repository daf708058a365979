"""Helper process for the crash test (run as a script, not collected by pytest).

Opens the form view offscreen on a database and types into text fields key by key, for ever,
printing one line per answer *after* the store committed it: ``saved<TAB>path<TAB>json``.
"""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gcm_collect.app.form.questions import base  # noqa: E402
from gcm_collect.store import Store  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write per line: a kill never tears a line


def main(db_path: str, uuid: str) -> None:
    base.TYPING_DELAY_MS = 15  # many writes per second, so the kill lands mid-typing
    app = QApplication(sys.argv)
    from gcm_collect.app.form import FormView

    store = Store.open(db_path)
    view = FormView(store, uuid)
    view.ctrl.saved.connect(
        lambda path, value: say(f"saved\t{path}\t{json.dumps(value, ensure_ascii=False)}")
    )
    view.show()
    app.processEvents()
    say("ready")
    fields = ["lead_entity", "focal_point_name", "focal_point_position", "reporting_period"]
    text = "Ministère des Affaires étrangères "
    n = 0
    while True:
        path = fields[(n // 12) % len(fields)]
        view.jump_to(path)
        edit = view.ctrl.parts[path].edit
        QTest.keyClick(edit, text[n % len(text)] if text[n % len(text)] != " " else Qt.Key_Space)
        QTest.qWait(7)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
