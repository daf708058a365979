"""Screenshots of the real windows (offscreen) for docs/screenshots/, in English and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcm_collect.app.main_window import MainWindow
from gcm_collect.app.new_submission import NewSubmissionDialog
from gcm_collect.demo import generate
from gcm_collect.i18n import set_language

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_main_window_and_new_submission_screenshots(qtbot, store, lang):
    generate(store, 30, seed=1)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1100, 640)
    window.show()
    set_language(lang)  # switched at run time, as a user would from the Language menu
    qtbot.wait(200)  # problem counts arrive after the first paint
    OUT.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(OUT / f"main-{lang}.png"))

    dialog = NewSubmissionDialog(store, window)
    dialog.show()
    # QTest types Latin letters only; Arabic text is set as an input method would.
    dialog.stateSearch.setText("Fr" if lang == "en" else "فر")
    qtbot.wait(50)
    assert dialog.grab().save(str(OUT / f"new-submission-{lang}.png"))
    dialog.close()
    window.close()
    set_language("en")
