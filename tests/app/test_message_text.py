"""Message boxes: the file a problem names reads whole, Arabic reads right to left, a
screen reader hears the buttons' words."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QMessageBox

from gcm_collect.app.a11y import plain
from gcm_collect.app.messages import display_text, question_box
from gcm_collect.i18n import set_language


def test_the_file_goes_on_its_own_isolated_line_after_the_message():
    shown = display_text("/tmp/in/export.xlsx: هذا ليس استمارة", right_to_left=True)
    assert shown == "\u200fهذا ليس استمارة\n\n\u2068/tmp/in/export.xlsx\u2069"
    windows = display_text(r"C:\Users\ana\form.xlsx: not a form", right_to_left=False)
    assert windows == "not a form\n\n\u2068C:\\Users\\ana\\form.xlsx\u2069"


def test_a_message_without_a_file_is_left_as_it_is():
    assert display_text("Form x version 1: added", right_to_left=False) == "Form x version 1: added"
    assert display_text("JSON Lines: لا", right_to_left=True) == "\u200fJSON Lines: لا"


@pytest.mark.parametrize("lang", ["zh", "ar", "en"])
def test_a_yes_no_question_names_its_buttons_without_their_key_marker(qtbot, lang):
    # Qt's own Chinese buttons are "是(&Y)" and "否(&N)": named "是(Y)" by Qt itself.
    from gcm_collect.app import languages

    languages.install()  # Qt's own catalogs follow the language
    set_language(lang)
    try:
        box = question_box(None, "GCM Collect", "Move 2 submissions to the trash?")
        qtbot.addWidget(box)
        box.show()
        buttons = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
        yes, no = (box.button(b) for b in buttons)
        for button in (yes, no):
            name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            assert name == plain(button.text()) and "(" not in name and "&" not in name
        if lang == "zh":
            assert yes.text() == "是(&Y)"
        assert box.defaultButton() is no  # the safe answer
    finally:
        set_language("en")
