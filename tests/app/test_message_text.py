"""Message boxes: the file a problem names reads whole, and Arabic reads right to left."""

from __future__ import annotations

from gcm_collect.app.messages import display_text


def test_the_file_goes_on_its_own_isolated_line_after_the_message():
    shown = display_text("/tmp/in/export.xlsx: هذا ليس استمارة", right_to_left=True)
    assert shown == "\u200fهذا ليس استمارة\n\n\u2068/tmp/in/export.xlsx\u2069"
    windows = display_text(r"C:\Users\ana\form.xlsx: not a form", right_to_left=False)
    assert windows == "not a form\n\n\u2068C:\\Users\\ana\\form.xlsx\u2069"


def test_a_message_without_a_file_is_left_as_it_is():
    assert display_text("Form x version 1: added", right_to_left=False) == "Form x version 1: added"
    assert display_text("JSON Lines: لا", right_to_left=True) == "\u200fJSON Lines: لا"
