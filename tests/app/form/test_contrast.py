"""Text reads at 4.5:1 or more (WCAG 1.4.3) in a light, a dark and a high-contrast theme: the
colours measured are the ones the real widgets of the form window are given."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into, widget
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gcm_collect.app.a11y import LEGIBLE, contrast, make_placeholders_legible, problem_color


def dark() -> QPalette:
    """A dark desktop theme, as KDE's Breeze Dark or GNOME's Adwaita dark gives it."""
    palette = QPalette(QColor("#31363b"))
    for role, color in (
        (QPalette.Window, "#31363b"),
        (QPalette.WindowText, "#eff0f1"),
        (QPalette.Base, "#232629"),
        (QPalette.Text, "#eff0f1"),
        (QPalette.Button, "#31363b"),
        (QPalette.ButtonText, "#eff0f1"),
        (QPalette.Highlight, "#3daee9"),
        (QPalette.HighlightedText, "#eff0f1"),
    ):
        palette.setColor(role, QColor(color))
    placeholder = QColor("#eff0f1")
    placeholder.setAlpha(128)
    palette.setColor(QPalette.PlaceholderText, placeholder)
    return palette


def high_contrast() -> QPalette:
    """Windows' "High Contrast Black": white and yellow on black."""
    palette = QPalette(QColor("#000000"))
    for role, color in (
        (QPalette.Window, "#000000"),
        (QPalette.WindowText, "#ffffff"),
        (QPalette.Base, "#000000"),
        (QPalette.Text, "#ffffff"),
        (QPalette.Highlight, "#1aebff"),
        (QPalette.PlaceholderText, "#ffff00"),
    ):
        palette.setColor(role, QColor(color))
    return palette


THEMES = {
    "light": lambda: QApplication.style().standardPalette(),
    "dark": dark,
    "high contrast": high_contrast,
}


@pytest.fixture(params=list(THEMES))
def themed(request, qapp):
    before = qapp.palette()
    qapp.setPalette(make_placeholders_legible(THEMES[request.param]()))
    yield request.param
    qapp.setPalette(before)


def text_on_window(label) -> float:
    palette = label.palette()
    return contrast(palette.color(QPalette.WindowText), palette.color(QPalette.Window))


def test_qt_s_own_placeholder_is_too_faint_to_read():
    # Why the app touches the palette at all: Qt's placeholder, drawn at half opacity.
    palette = QPalette(QColor("#efefef"))
    faded = QColor(0, 0, 0, 128)
    drawn = QColor.fromRgbF(*(0.5 * 0xEF / 255,) * 3)  # black at 50 % over #efefef
    assert contrast(drawn, palette.color(QPalette.Window)) < LEGIBLE
    palette.setColor(QPalette.PlaceholderText, faded)
    fixed = make_placeholders_legible(palette).color(QPalette.PlaceholderText)
    assert contrast(fixed, palette.color(QPalette.Window)) >= LEGIBLE
    assert fixed != palette.color(QPalette.WindowText)  # still secondary, not plain text


def test_every_faint_or_coloured_text_of_the_form_reads_at_4_5(
    qtbot, store, draft, open_view, themed
):
    view = open_view(draft)
    palette = QApplication.palette()
    email = widget(view, "focal_point_email")
    hinted = next(q for q in view.ctrl.parts.values() if q.hint.text())
    type_into(qtbot, email.edit, "amina.example.org")
    leave(qtbot, view)
    assert email.message.isVisibleTo(view)
    assert not view.mark_complete()  # the status line in red
    measured = {
        "hint": text_on_window(hinted.hint),
        "problem under a question": text_on_window(email.message),
        "Saved label": text_on_window(view.saved_label),
        "status line message": text_on_window(view.message),
        "placeholder in a field": contrast(
            email.edit.palette().color(QPalette.PlaceholderText),
            email.edit.palette().color(QPalette.Base),
        ),
        "problem badge in the sections": contrast(
            problem_color(palette), view.navigator.palette().color(QPalette.Base)
        ),
    }
    assert view.saved_label.text()
    faint = {name: round(ratio, 2) for name, ratio in measured.items() if ratio < LEGIBLE}
    assert faint == {}, themed


def test_a_theme_s_own_colours_are_kept_where_they_already_read_well(qapp):
    palette = high_contrast()
    assert make_placeholders_legible(palette).color(QPalette.PlaceholderText) == QColor("#ffff00")
    assert problem_color(QApplication.style().standardPalette()) == QColor("#b3261e")
