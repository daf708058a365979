"""Tab goes through the form window in the order it is seen (WCAG 2.4.3): the form language at
the top, the sections, the problems, the questions, then the buttons at the bottom; mirrored in
Arabic, where the sections are on the right and the row of buttons reads from the right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from gcm_collect.i18n import set_language


def tab_through(qtbot, view, start, count: int = 600) -> list:
    """The widgets focus visits, from ``start``, pressing Tab as an officer does."""
    start.setFocus(Qt.TabFocusReason)
    seen = [start]
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            break
        seen.append(widget)
    return seen


def left(widget) -> int:
    return widget.mapToGlobal(QPoint(0, 0)).x()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tab_follows_the_visual_order(qtbot, draft, open_view, lang):
    set_language(lang)
    try:
        view = open_view(draft)
        chain = tab_through(qtbot, view, view.form_lang)
    finally:
        set_language("en")
    page = view.stack.currentWidget()
    questions = [w for w in chain if page.isAncestorOf(w) and w is not page]
    assert len(questions) >= 6
    at = chain.index
    assert at(view.navigator) < at(view.problems) < at(questions[0])
    assert at(questions[-1]) < at(view.complete_button) < at(view.history_button)
    # Questions from the top of the page down.
    tops = [w.mapTo(page.widget(), QPoint(0, 0)).y() for w in questions]
    assert tops == sorted(tops)
    # No unnamed container on the way (a page's scroll area says its section).
    containers = [w for w in chain if isinstance(w, QAbstractScrollArea)]
    assert all(w.accessibleName() for w in containers)
    # The sections column comes first, on the reading side: left in English, right in Arabic;
    # the row of buttons is read from that side too.
    if lang == "ar":
        assert left(view.navigator) > left(page)
        assert left(view.complete_button) > left(view.history_button)
    else:
        assert left(view.navigator) < left(page)
        assert left(view.complete_button) < left(view.history_button)


def test_a_page_built_later_still_comes_before_the_buttons(qtbot, draft, open_view):
    view = open_view(draft)
    view.show_section(view.nodes[3].key)  # built now, after the window opened
    chain = tab_through(qtbot, view, view.form_lang)
    page = view.stack.currentWidget()
    first_question = next(w for w in chain if page.isAncestorOf(w) and w is not page)
    assert chain.index(first_question) < chain.index(view.complete_button)
