"""Every question type answered through its real widget lands in the store, typed right."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into, widget
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from gcm_collect.app.form.questions.choices import (
    CheckChoices,
    ComboChoice,
    RadioChoice,
    SearchableChecks,
)
from gcm_collect.app.form.questions.dates import DateInput
from gcm_collect.app.form.questions.numbers import DecimalInput, IntegerInput
from gcm_collect.app.form.questions.text import LineText, MultiText
from gcm_collect.i18n import set_language


@pytest.mark.slow
def test_text_and_multiline_text(qtbot, store, draft, open_view):
    view = open_view(draft)
    name = widget(view, "focal_point_name")
    assert isinstance(name, LineText)
    type_into(qtbot, name.edit, "Amina Diallo")
    leave(qtbot, view)
    prep = widget(view, "preparation")
    assert isinstance(prep, MultiText)
    type_into(qtbot, prep.edit, "Drafted by the ministry")
    leave(qtbot, view)
    answers = store.get_answers(draft)
    assert answers["focal_point_name"] == "Amina Diallo"
    assert answers["preparation"] == "Drafted by the ministry"


def test_typing_is_written_after_a_short_pause_without_leaving_the_field(
    qtbot, store, draft, open_view
):
    view = open_view(draft)
    lead = widget(view, "lead_entity")
    type_into(qtbot, lead.edit, "Ministry of Labour")
    qtbot.waitUntil(lambda: store.get_answers(draft).get("lead_entity") == "Ministry of Labour")
    assert lead.edit.hasFocus()


def test_select_one_as_radio_buttons_and_clearing_it(qtbot, store, draft, open_view):
    view = open_view(draft)
    policy = widget(view, "national_policy")
    assert isinstance(policy, RadioChoice)
    qtbot.mouseClick(policy.buttons["yes"], Qt.LeftButton)
    assert store.get_answers(draft)["national_policy"] == "yes"
    qtbot.mouseClick(policy.clear, Qt.LeftButton)
    assert "national_policy" not in store.get_answers(draft)


def test_long_select_one_is_a_searchable_combo(qtbot, store, draft, open_view):
    view = open_view(draft)
    state = widget(view, "state")
    assert isinstance(state, ComboChoice)
    assert state.combo.completer().filterMode() == Qt.MatchContains
    state.combo.setFocus()
    state.combo.lineEdit().selectAll()
    qtbot.keyClicks(state.combo.lineEdit(), "Morocco")
    qtbot.keyClick(state.combo.lineEdit(), Qt.Key_Return)
    leave(qtbot, view)
    assert store.get_answers(draft)["state"] == "MAR"
    # The regional review offers only the commissions Morocco belongs to (choice_filter).
    region = widget(view, "review_region")
    visible = {n for n, b in region.buttons.items() if not b.isHidden()}
    assert visible == {"ECA", "ESCWA"}


def test_integer_and_decimal_take_the_language_s_numbers(qtbot, store, draft, open_view):
    set_language("fr")
    view = open_view(draft)
    amount = widget(view, "resources_amount_usd")
    assert isinstance(amount, DecimalInput)
    type_into(qtbot, amount.edit, "1250,5")
    leave(qtbot, view)
    assert store.get_answers(draft)["resources_amount_usd"] == 1250.5
    policy = widget(view, "national_policy")
    qtbot.mouseClick(policy.buttons["yes"], Qt.LeftButton)
    year = widget(view, "national_policy_year")
    assert isinstance(year, IntegerInput)
    type_into(qtbot, year.edit, "2019")
    leave(qtbot, view)
    assert store.get_answers(draft)["national_policy_year"] == 2019


def test_a_number_that_is_not_one_is_not_written_and_says_why(qtbot, store, draft, open_view):
    view = open_view(draft)
    amount = widget(view, "resources_amount_usd")
    type_into(qtbot, amount.edit, "12abc")
    leave(qtbot, view)
    assert "resources_amount_usd" not in store.get_answers(draft)
    assert amount.message.isVisibleTo(view)
    assert "number" in amount.message.text()
    assert amount.edit.text() == "12abc"  # kept for the officer to correct


def test_date_is_set_and_cleared(qtbot, store, draft, open_view):
    view = open_view(draft)
    report = widget(view, "report_date")
    assert isinstance(report, DateInput)
    report.set_date(QDate(2025, 3, 14))
    assert store.get_answers(draft)["report_date"] == "2025-03-14"
    qtbot.mouseClick(report.clear, Qt.LeftButton)
    assert "report_date" not in store.get_answers(draft)
    assert report.edit.text() == ""  # "No date" is the placeholder, never the text
    assert report.edit.placeholderText().startswith("No date")


def test_select_multiple_check_boxes_and_other_text(qtbot, store, draft, open_view):
    view = open_view(draft)
    tags = widget(view, "challenge_tags")
    assert isinstance(tags, CheckChoices)
    first = next(iter(tags.boxes))
    qtbot.mouseClick(tags.boxes[first], Qt.LeftButton)
    assert not tags.other.isVisibleTo(view)
    qtbot.mouseClick(tags.boxes["other"], Qt.LeftButton)
    assert tags.other.isVisibleTo(view)
    type_into(qtbot, tags.other, "Heat waves")
    leave(qtbot, view)
    answers = store.get_answers(draft)
    assert answers["challenge_tags"] == [first, "other"]
    assert answers["challenge_tags_other"] == "Heat waves"


def test_long_select_multiple_is_a_searchable_check_list(qtbot, store, draft, open_view):
    view = open_view(draft)
    practice = view.ctrl.add_instance("practices")
    view.jump_to(f"practices[{practice}]/practice_countries")
    countries = view.ctrl.parts[f"practices[{practice}]/practice_countries"]
    assert isinstance(countries, SearchableChecks)
    qtbot.keyClicks(countries.search, "ger")
    shown = [n for n, item in countries.items.items() if not item.isHidden()]
    assert "DEU" in shown and "NER" in shown and "FRA" not in shown  # Germany, Niger
    countries.set_checked("NER", True)
    countries.set_checked("DEU", True)
    assert store.get_answers(draft)[f"practices[{practice}]/practice_countries"] == ["DEU", "NER"]
    assert "2" in countries.summary.text()


def test_acknowledge_is_a_check_box_in_a_draft_of_the_previous_version(qtbot, store, open_view):
    # 2026.1 asked for consent with an acknowledge; its drafts still open with it.
    from gcm_collect.ops.submissions import new_submission

    old = new_submission(store, state="FRA", region="ECE", period="2025", form_version="2026.1")
    view = open_view(old.uuid)
    practice = view.ctrl.add_instance("practices")
    consent = widget(view, f"practices[{practice}]/practice_consent")
    qtbot.mouseClick(consent.box, Qt.LeftButton)
    assert store.get_answers(old.uuid)[f"practices[{practice}]/practice_consent"] is True
    qtbot.mouseClick(consent.box, Qt.LeftButton)
    assert f"practices[{practice}]/practice_consent" not in store.get_answers(old.uuid)


def test_hub_consent_can_be_no_and_then_the_hub_fields_go(qtbot, store, draft, open_view):
    view = open_view(draft)
    practice = view.ctrl.add_instance("practices")
    path = f"practices[{practice}]/%s"
    consent = widget(view, path % "practice_hub_consent")
    qtbot.mouseClick(consent.buttons["yes"], Qt.LeftButton)
    qtbot.waitUntil(lambda: widget(view, path % "practice_hub_regions").isVisibleTo(view))
    assert not widget(view, path % "practice_hub_consent_no").isVisibleTo(view)
    qtbot.mouseClick(consent.buttons["no"], Qt.LeftButton)
    assert store.get_answers(draft)[path % "practice_hub_consent"] == "no"
    qtbot.waitUntil(lambda: widget(view, path % "practice_hub_consent_no").isVisibleTo(view))
    assert not widget(view, path % "practice_hub_regions").isVisibleTo(view)
    assert not widget(view, path % "practice_resource_languages").isVisibleTo(view)


@pytest.mark.parametrize(
    ("lang", "typed", "path", "stored"),
    [
        ("en", "١٢٥٠", "national_policy_year", 1250),  # Arabic-Indic digits, English window
        ("en", "١٢٥٠٫٥", "resources_amount_usd", 1250.5),  # with the Arabic decimal separator
        ("fr", "۲۰۱۹", "national_policy_year", 2019),  # Persian digits
        ("en", "２０１９", "national_policy_year", 2019),  # full-width digits
    ],
)
def test_numbers_in_any_script_s_digits(qtbot, store, draft, open_view, lang, typed, path, stored):
    from gcm_collect.app.form.questions.numbers import parse_number

    set_language(lang)
    view = open_view(draft)
    if path == "national_policy_year":
        policy = widget(view, "national_policy")
        qtbot.mouseClick(policy.buttons["yes"], Qt.LeftButton)
    field = widget(view, path)
    field.edit.setFocus()
    for char in typed:  # key events carrying each character, as that keyboard sends them
        QTest.sendKeyEvent(QTest.KeyAction.Click, field.edit, Qt.Key_unknown, char, Qt.NoModifier)
    leave(qtbot, view)
    assert store.get_answers(draft)[path] == stored
    assert parse_number(typed, integer=isinstance(stored, int)) == stored
