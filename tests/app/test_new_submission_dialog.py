"""The New submission dialog: a language switch while it is open, Tab order, impossible periods."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gcm_collect.app import languages
from gcm_collect.app.new_submission import NewSubmissionDialog
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.i18n import set_language

sys.path.insert(0, str(Path(__file__).parent / "form"))
from kobo_form import import_form  # noqa: E402

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def _open(qtbot, store) -> NewSubmissionDialog:
    dialog = NewSubmissionDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _switch(code: str) -> None:
    languages.install()
    set_language(code)
    # Qt posts its LanguageChange events: deliver them as the event loop would.
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QApplication.processEvents()


def _looks(dialog: NewSubmissionDialog) -> dict:
    box = dialog.buttonBox
    return {
        "title": dialog.windowTitle(),
        "form label": dialog.formLabel.text(),
        "forms": [dialog.formCombo.itemText(i) for i in range(dialog.formCombo.count())],
        "regions": [dialog.regionCombo.itemText(i) for i in range(dialog.regionCombo.count())],
        "create": box.button(QDialogButtonBox.StandardButton.Ok).text(),
        "cancel": box.button(QDialogButtonBox.StandardButton.Cancel).text(),
        "problem": dialog.problemLabel.text(),
        "period hint": dialog.periodEdit.placeholderText(),
    }


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_a_language_switch_looks_like_a_dialog_opened_in_that_language(
    qtbot, store, tmp_path, code
):
    import_form(store, tmp_path)  # a second form, to see that the choice is kept
    dialog = _open(qtbot, store)
    forms = [dialog.formCombo.itemData(i) for i in range(dialog.formCombo.count())]
    dialog.formCombo.setCurrentIndex(forms.index(("kobo_style", "1")))
    qtbot.keyClicks(dialog.stateSearch, "France")  # several commissions: a region to choose
    dialog.regionCombo.setCurrentIndex(dialog.regionCombo.findData("ECE"))
    english = _looks(dialog)

    _switch(code)

    after = _looks(dialog)
    assert after["create"] != english["create"] and after["create"] != "OK"
    assert after["forms"][0] == builtin_form().label(code)[0] != english["forms"][0]
    # The officer's choices survive the switch.
    assert dialog.formCombo.currentData() == ("kobo_style", "1")
    assert (dialog.state(), dialog.region()) == ("FRA", "ECE")

    fresh = _open(qtbot, store)
    fresh.select_state("FRA")
    fresh.regionCombo.setCurrentIndex(fresh.regionCombo.findData("ECE"))
    assert after == _looks(fresh)


def test_switching_back_to_english_says_create_again(qtbot, store):
    dialog = _open(qtbot, store)
    _switch("fr")
    _switch("en")
    assert dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).text() == "Create"
    assert dialog.formCombo.itemText(0) == builtin_form().label("en")[0]


def test_tab_follows_the_screen_from_top_to_bottom(qtbot, store):
    dialog = _open(qtbot, store)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.stateSearch, "France")  # the region combo is enabled: a Tab stop
    dialog.regionCombo.setCurrentIndex(dialog.regionCombo.findData("ECE"))  # Create too
    box = dialog.buttonBox
    expected = [
        dialog.formCombo,
        dialog.stateSearch,
        dialog.stateList,
        dialog.regionCombo,
        dialog.periodEdit,
        dialog.focalName,
        dialog.focalPosition,
        dialog.focalEmail,
    ]
    buttons = [box.button(QDialogButtonBox.StandardButton.Ok)]
    buttons.append(box.button(QDialogButtonBox.StandardButton.Cancel))
    # The button box orders its buttons as the platform does; they come after the fields.
    buttons.sort(key=lambda b: b.mapTo(dialog, b.rect().topLeft()).x())
    dialog.formCombo.setFocus()
    visited = []
    for _step in range(len(expected) + len(buttons) + 1):
        focused = QApplication.focusWidget()
        visited.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert visited == [*expected, *buttons, dialog.formCombo]


@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("2025-2022", "earlier year first"),
        ("0000", "from 1990 to 2100"),
        ("9999", "from 1990 to 2100"),
        ("1989-2025", "from 1990 to 2100"),
        ("20x5", "such as 2025"),
    ],
)
def test_an_impossible_period_cannot_be_created(qtbot, store, period, reason):
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, "seneg")
    create = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    dialog.periodEdit.clear()
    qtbot.keyClicks(dialog.periodEdit, period)
    assert not create.isEnabled()
    assert reason in dialog.problemLabel.text()
    assert dialog.choice() is None


@pytest.mark.parametrize("period", ["1990", "2100", "2022-2025", "2025-2025", " 2024 "])
def test_a_plausible_period_can_be_created(qtbot, store, period):
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, "seneg")
    dialog.periodEdit.setText(period)
    assert dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.problemLabel.text() == ""
    assert dialog.choice().period == period.strip()


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [("MAR", "MAR"), ("mar", "MAR"), ("Niger", "NER"), ("Guinea", "GIN"), ("Dominica", "DMA")],
)
def test_an_exact_code_or_name_wins_over_names_that_start_with_it(qtbot, store, typed, iso3):
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, typed)
    assert dialog.state() == iso3  # not Marshall Islands, Nigeria, Guinea-Bissau, Dominican Rep.
    assert dialog.stateList.currentIndex().row() == 0  # shown first, highlighted


def _open_active(qtbot, store) -> NewSubmissionDialog:
    """Opened and given the keyboard, as a dialog the officer just opened is."""
    dialog = _open(qtbot, store)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.stateSearch.setFocus()
    return dialog


def test_enter_in_the_state_search_moves_on_and_never_creates(qtbot, store):
    dialog = _open_active(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, "MAR")
    qtbot.keyClick(dialog.stateSearch, Qt.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # nothing created
    assert dialog.state() == "MAR"
    # Morocco reviews with two commissions: the choice of one comes next.
    assert dialog.regionCombo.hasFocus()
    dialog.regionCombo.setCurrentIndex(dialog.regionCombo.findData("ECA"))
    dialog.periodEdit.setFocus()
    qtbot.keyClick(dialog.periodEdit, Qt.Key_Return)  # from the other fields, Enter creates
    assert dialog.result() == 1
    assert dialog.choice().state == "MAR"


def test_enter_on_a_search_without_a_match_does_nothing(qtbot, store):
    dialog = _open_active(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, "Atlantis")
    qtbot.keyClick(dialog.stateSearch, Qt.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.state() is None and dialog.stateSearch.hasFocus()


@pytest.mark.parametrize(
    ("typed", "period"), [("٢٠٢٥", "2025"), ("٢٠٢٢-٢٠٢٥", "2022-2025"), ("۲۰۲۴", "2024")]
)
def test_native_digits_are_a_period(qtbot, store, typed, period):
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.stateSearch, "seneg")
    dialog.periodEdit.setText(typed)
    assert dialog.problemLabel.text() == ""
    assert dialog.choice().period == period
