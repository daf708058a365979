"""Dialogs keep their own button texts ("Export", not Qt's "OK") through a language switch."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gcm_collect.app.consolidate_dialog import ConsolidateDialog
from gcm_collect.app.export_dialog import ExportDialog
from gcm_collect.app.preferences import PreferencesDialog
from gcm_collect.i18n import set_language


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda store: ExportDialog(store), "Exporter"),
        (lambda store: ConsolidateDialog(), "Regrouper"),
        (lambda store: PreferencesDialog(store), "OK"),
    ],
)
def test_buttons_after_a_switch_are_those_of_a_fresh_dialog(qtbot, store, make, expected):
    from gcm_collect.app.languages import apply_language, install

    install()  # as the main window does: a switch retranslates every visible window
    dialog = make(store)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        set_language("fr")
        apply_language(QApplication.instance(), "fr")  # Qt's catalog: its own LanguageChange
        ok = dialog.buttonBox.button(QDialogButtonBox.Ok)
        cancel = dialog.buttonBox.button(QDialogButtonBox.Cancel)
        qtbot.waitUntil(lambda: ok.text() == expected and cancel.text() == "Annuler")
        qtbot.wait(50)  # and it stays so once every event is through
        assert (ok.text(), cancel.text()) == (expected, "Annuler")
    finally:
        set_language("en")
        apply_language(QApplication.instance(), "en")
