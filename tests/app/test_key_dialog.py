"""Help > Device key: the fingerprint to read out, and Save key card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gcm_collect.keys import read_card
from gcm_collect.ops.keys import key_card


def test_help_shows_the_key_and_saves_its_card(window, store, qtbot, tmp_path, monkeypatch):
    dialog = window.open_key_dialog()
    qtbot.addWidget(dialog)
    expected = key_card(store)
    shown = [label.text() for label in dialog.values.values()]
    assert expected.fingerprint in shown and "Test Officer" in shown
    target = tmp_path / "card.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Key cards (*.json)")
    )
    qtbot.mouseClick(dialog.saveButton, Qt.LeftButton)
    assert read_card(target) == expected
