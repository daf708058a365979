"""Qt's own strings (standard buttons) speak the app's language, Chinese included."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gcm_collect.app.languages import apply_language


@pytest.mark.parametrize(("code", "cancel"), [("fr", "Annuler"), ("zh", "取消"), ("ru", "Отмена")])
def test_standard_buttons_follow_the_language(qtbot, code, cancel):
    app = QApplication.instance()
    try:
        apply_language(app, code)
        box = QDialogButtonBox(QDialogButtonBox.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.Cancel).text().replace("&", "") == cancel
    finally:
        apply_language(app, "en")
