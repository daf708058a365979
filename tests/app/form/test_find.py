"""Find in form (Ctrl+F): labels, hints and answers in the form language, across sections and
practices; Enter, Shift+Enter and F3 show each match; Esc closes the bar and only the bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from gcm_collect.app.form.search import fold


def focused_path(view) -> str | None:
    """The path of the question that has the keyboard focus."""
    focus = QApplication.focusWidget()
    for path, part in view.ctrl.parts.items():
        if focus is not None and hasattr(part, "question") and part.isAncestorOf(focus):
            return path
    return None


def find(qtbot, view, text: str) -> None:
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier)
    assert view.find_bar.isVisible()
    assert QApplication.focusWidget() is view.find_bar.edit
    qtbot.keyClicks(view.find_bar.edit, text)


def test_enter_shows_an_answer_in_the_second_practice(qtbot, open_view, two_practices):
    uuid, _first, second = two_practices
    view = open_view(uuid)
    view.show_section(view.nodes[0].key)
    find(qtbot, view, "rainbow")
    assert view.find_bar.count.text() == "1 match"
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    # Its section shown, the second practice selected, the title in view with the focus.
    assert view.current_section() == "practices_section"
    editor = view.ctrl.parts["practices"]
    assert editor.current == second
    assert editor.list.currentRow() == 1
    path = f"practices[{second}]/practice_title"
    assert focused_path(view) == path
    assert view.ctrl.parts[path].visibleRegion().isEmpty() is False
    assert view.find_bar.count.text() == "1 of 1"


def test_next_previous_and_f3_go_round_the_matches(qtbot, open_view, two_practices):
    uuid, first, second = two_practices
    view = open_view(uuid)
    # "Title" is the label of both practices' first question: two matches, in page order.
    find(qtbot, view, "title")
    n = len(view.find_bar.found)
    assert n >= 2
    first_title = f"practices[{first}]/practice_title"
    second_title = f"practices[{second}]/practice_title"
    assert view.find_bar.found.index(first_title) + 1 == view.find_bar.found.index(second_title)
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    shown = [focused_path(view)]
    for _ in range(n - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F3)
        shown.append(focused_path(view))
    assert shown == view.find_bar.found
    assert view.find_bar.count.text() == f"{n} of {n}"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F3)  # round the end
    assert focused_path(view) == shown[0]
    assert view.find_bar.count.text() == f"1 of {n}"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F3, Qt.ShiftModifier)
    assert focused_path(view) == shown[-1]
    # Shift+Enter in the find field goes back too.
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return, Qt.ShiftModifier)
    assert focused_path(view) == shown[-2]


def test_finds_choice_answers_by_label_and_hints(qtbot, open_view, two_practices):
    uuid, *_ = two_practices
    view = open_view(uuid)
    find(qtbot, view, "france")  # the answer FRA, by its label
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    assert focused_path(view) == "state"
    hint = next(
        q.hint("en")[0] for q in view.ctrl.form.questions() if len(q.hint("en")[0]) > 30
    )
    view.find_bar.edit.clear()
    qtbot.keyClicks(view.find_bar.edit, hint[:25])
    assert view.find_bar.found, hint


def test_searches_in_the_form_language(qtbot, open_view, two_practices):
    uuid, *_ = two_practices
    view = open_view(uuid)
    view.set_form_language("fr")
    find(qtbot, view, "entite chef de file")  # "Ministère ou entité chef de file", no accents
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    assert focused_path(view) == "lead_entity"
    view.find_bar.edit.clear()
    qtbot.keyClicks(view.find_bar.edit, "Lead ministry")  # the English label: not on screen
    assert not view.find_bar.found


def test_a_new_answer_is_found_while_the_bar_is_open(qtbot, open_view, two_practices):
    uuid, *_ = two_practices
    view = open_view(uuid)
    find(qtbot, view, "zanzibar")
    assert view.find_bar.count.text() == "No match"
    assert view.find_bar.isVisible()
    view.ctrl.commit("data_sources", "Zanzibar statistics office")
    qtbot.waitUntil(lambda: view.find_bar.count.text() == "1 match")


def test_escape_closes_the_bar_and_only_the_bar(qtbot, open_view, two_practices):
    uuid, *_ = two_practices
    view = open_view(uuid)
    find(qtbot, view, "rainbow")
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Escape)
    assert not view.find_bar.isVisible()
    assert view.isVisible()
    assert view.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)  # nothing on top: the window
    assert not view.isVisible()


def test_find_is_in_the_edit_menu_with_its_keys(qtbot, open_view, two_practices):
    uuid, *_ = two_practices
    view = open_view(uuid)
    actions = {a.objectName(): a for a in view.menus.edit.actions()}
    assert actions["actionFind"].shortcut() == QKeySequence(QKeySequence.Find)
    assert actions["actionFindNext"].shortcut() == QKeySequence(QKeySequence.FindNext)
    assert actions["actionFindPrevious"].shortcut() == QKeySequence(QKeySequence.FindPrevious)
    actions["actionFind"].trigger()
    assert view.find_bar.isVisible()


def test_folding_ignores_case_accents_and_arabic_vowel_marks():
    assert fold("Réintégration") == fold("REINTEGRATION")
    assert fold("مُهَاجِر") == fold("مهاجر")
