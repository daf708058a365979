"""time, dateTime, range, rank and file questions answered through their real widgets, on a
Kobo-style form imported from a workbook into a real database file."""

from __future__ import annotations

from datetime import datetime

import pytest
from form_helpers import leave, widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from gcm_collect.app.form.questions import files as file_widgets
from gcm_collect.app.form.questions.files import FileInput
from gcm_collect.app.form.questions.moments import DateTimeInput, TimeInput
from gcm_collect.app.form.questions.ranges import RangeInput
from gcm_collect.app.form.questions.rank import RankInput
from gcm_collect.forms import file_ref
from gcm_collect.i18n import set_language
from gcm_collect.ops.answers import MAX_FILE_BYTES


@pytest.fixture
def kobo(store, tmp_path) -> str:
    return new_draft(store, import_form(store, tmp_path))


def test_time_typed_cleared_and_midnight_is_an_answer(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    opens = widget(view, "opens")
    assert isinstance(opens, TimeInput)
    assert opens.edit.text() == "" and not opens.clear.isEnabled()
    assert opens.edit.placeholderText() == "No time: type 14:30 or 2:30\u202fPM"
    opens.edit.setFocus()
    qtbot.keyClicks(opens.edit, "0930")  # ISO's basic form
    leave(qtbot, view)
    assert store.get_answers(kobo)["opens"] == "09:30"
    assert opens.edit.text() == "9:30\u202fAM"  # shown as English writes it
    qtbot.mouseClick(opens.clear, Qt.LeftButton)
    assert "opens" not in store.get_answers(kobo)
    assert opens.edit.text() == ""
    opens.set_time(QTime(0, 0))
    assert store.get_answers(kobo)["opens"] == "00:00"
    assert opens.edit.text() == "12:00\u202fAM"  # midnight is not "no time"


def test_time_with_seconds_keeps_them(qtbot, store, kobo, open_view):
    store.set_answer(kobo, "opens", "07:15:30", who="test")
    opens = widget(open_view(kobo), "opens")
    assert opens.edit.text() == "7:15:30\u202fAM"
    opens.set_time(QTime(7, 16, 30))
    assert store.get_answers(kobo)["opens"] == "07:16:30"


def test_date_time_is_stored_with_the_local_offset(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    launched = widget(view, "launched")
    assert isinstance(launched, DateTimeInput)
    moment = QDateTime(QDate(2026, 3, 1), QTime(14, 30))
    launched.set_moment(moment)
    stored = store.get_answers(kobo)["launched"]
    parsed = datetime.fromisoformat(stored)
    local = datetime(2026, 3, 1, 14, 30).astimezone()
    assert parsed.utcoffset() == local.utcoffset()
    assert parsed == local
    assert launched.edit.text() == "3/1/2026 2:30\u202fPM"
    qtbot.mouseClick(launched.clear, Qt.LeftButton)
    assert "launched" not in store.get_answers(kobo)
    assert launched.edit.text() == ""


def test_date_time_from_elsewhere_shows_in_local_time_and_is_not_rewritten(
    qtbot, store, kobo, open_view
):
    store.set_answer(kobo, "launched", "2026-03-01T12:00:00Z", who="test")
    view = open_view(kobo)
    launched = widget(view, "launched")
    local = datetime.fromisoformat("2026-03-01T12:00:00+00:00").astimezone()
    hour = local.hour % 12 or 12
    noon = "AM" if local.hour < 12 else "PM"
    assert launched.edit.text() == f"{local.month}/{local.day}/{local.year} {hour}:00\u202f{noon}"
    launched.edit.setFocus()
    leave(qtbot, view)
    assert store.get_answers(kobo)["launched"] == "2026-03-01T12:00:00Z"


def test_range_is_bounded_steps_and_clears(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    score = widget(view, "score")
    assert isinstance(score, RangeInput) and isinstance(score.spin, QSpinBox)
    assert score.spin.maximum() == 10 and score.spin.singleStep() == 2
    assert score.spin.text() == "No answer"
    score.spin.setFocus()
    qtbot.keyClick(score.spin, Qt.Key_Up)  # from "no answer" to the lowest value
    qtbot.keyClick(score.spin, Qt.Key_Up)
    leave(qtbot, view)
    assert store.get_answers(kobo)["score"] == 2
    score.set_number(50)  # beyond the end: held at the end
    assert store.get_answers(kobo)["score"] == 10
    qtbot.mouseClick(score.clear, Qt.LeftButton)
    assert "score" not in store.get_answers(kobo)
    share = widget(view, "share")
    assert isinstance(share.spin, QDoubleSpinBox) and share.spin.decimals() == 2
    share.set_number(0.75)
    assert store.get_answers(kobo)["share"] == 0.75
    assert view.ctrl.problems_at.get("share") is None


def test_range_follows_the_app_language(qtbot, store, kobo, open_view):
    store.set_answer(kobo, "share", 0.5, who="test")
    set_language("fr")
    try:
        share = widget(open_view(kobo), "share")
        assert share.spin.text() == "0,50"
        assert share.spin.locale().name() == "fr_FR"
        assert share.bounds.text().endswith("1")
    finally:
        set_language("en")


def test_rank_needs_a_touch_then_saves_the_order(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    rank = widget(view, "priorities")
    assert isinstance(rank, RankInput)
    assert rank.order() == ["health", "work", "school"]
    assert "priorities" not in store.get_answers(kobo)
    assert "Not ranked" in rank.status.text()
    rank.list.setFocus()
    rank.list.setCurrentRow(0)
    qtbot.keyClick(rank.list, Qt.Key_Down, Qt.AltModifier)
    assert store.get_answers(kobo)["priorities"] == ["work", "health", "school"]
    assert rank.list.currentItem().data(Qt.UserRole) == "health"  # the moved item stays chosen
    rank.list.setCurrentRow(2)
    qtbot.mouseClick(rank.up, Qt.LeftButton)
    assert store.get_answers(kobo)["priorities"] == ["work", "school", "health"]
    qtbot.keyClick(rank.list, Qt.Key_Up, Qt.AltModifier)
    qtbot.keyClick(rank.list, Qt.Key_Up, Qt.AltModifier)  # already first: nothing moves
    assert store.get_answers(kobo)["priorities"] == ["school", "work", "health"]
    qtbot.mouseClick(rank.clear, Qt.LeftButton)
    assert "priorities" not in store.get_answers(kobo)
    assert rank.order() == ["health", "work", "school"]
    qtbot.mouseClick(rank.accept, Qt.LeftButton)  # agreeing with the order as shown
    assert store.get_answers(kobo)["priorities"] == ["health", "work", "school"]
    assert "Ranked" in rank.status.text()


def test_rank_reopens_in_the_saved_order_and_labels_follow_the_form_language(
    qtbot, store, kobo, open_view
):
    store.set_answer(kobo, "priorities", ["school", "health"], who="test")
    view = open_view(kobo)
    rank = widget(view, "priorities")
    assert rank.order() == ["school", "health", "work"]
    view.set_form_language("fr")
    labels = [rank.list.item(r).text() for r in range(rank.list.count())]
    assert labels == ["École", "Santé", "Travail"]


def test_file_attached_saved_out_and_removed(qtbot, store, kobo, open_view, tmp_path, monkeypatch):
    document = tmp_path / "plan d'action.pdf"
    document.write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 8)
    view = open_view(kobo)
    plan = widget(view, "plan")
    assert isinstance(plan, FileInput)
    assert not plan.save.isEnabled() and not plan.remove.isEnabled()
    monkeypatch.setattr(file_widgets, "choose_file", lambda parent, caption: str(document))
    qtbot.mouseClick(plan.choose, Qt.LeftButton)
    value = store.get_answers(kobo)["plan"]
    ref = file_ref(document.name, document.read_bytes())
    assert value == ref.value
    assert store.get_attachment(ref.sha256) == document.read_bytes()
    assert plan.file_label.text() == f"plan d'action.pdf ({file_widgets.size_text(ref.size)})"

    copy = tmp_path / "out" / "copy.pdf"
    copy.parent.mkdir()
    monkeypatch.setattr(
        file_widgets, "choose_save_path", lambda parent, caption, suggested: str(copy)
    )
    qtbot.mouseClick(plan.save, Qt.LeftButton)
    assert copy.read_bytes() == document.read_bytes()

    qtbot.mouseClick(plan.remove, Qt.LeftButton)
    assert "plan" not in store.get_answers(kobo)
    assert plan.file_label.text() == "No document attached."


def test_a_file_over_25_mb_is_refused_with_a_clear_line(
    qtbot, store, kobo, open_view, tmp_path, monkeypatch
):
    big = tmp_path / "scan.tiff"
    with open(big, "wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no 25 MB written to disk
    view = open_view(kobo)
    plan = widget(view, "plan")
    monkeypatch.setattr(file_widgets, "choose_file", lambda parent, caption: str(big))
    qtbot.mouseClick(plan.choose, Qt.LeftButton)
    assert "plan" not in store.get_answers(kobo)
    assert plan.message.isVisibleTo(view)
    assert plan.message.text() == "scan.tiff: the file is 25.0 MB; a document can be at most 25 MB"
    small = tmp_path / "note.txt"
    small.write_text("ok")
    monkeypatch.setattr(file_widgets, "choose_file", lambda parent, caption: str(small))
    qtbot.mouseClick(plan.choose, Qt.LeftButton)
    assert not plan.message.isVisibleTo(view)


def test_a_missing_file_or_a_cancelled_dialog_changes_nothing(
    qtbot, store, kobo, open_view, tmp_path, monkeypatch
):
    plan = widget(open_view(kobo), "plan")
    monkeypatch.setattr(file_widgets, "choose_file", lambda parent, caption: None)
    qtbot.mouseClick(plan.choose, Qt.LeftButton)
    assert not plan.message.isVisible()
    gone = tmp_path / "gone.pdf"
    monkeypatch.setattr(file_widgets, "choose_file", lambda parent, caption: str(gone))
    qtbot.mouseClick(plan.choose, Qt.LeftButton)
    assert "plan" not in store.get_answers(kobo)
    assert plan.message.text().startswith("gone.pdf: cannot read the file")


@pytest.mark.slow
def test_every_new_input_has_an_accessible_name_and_rtl_layout(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    for name in ("opens", "launched", "score", "priorities", "plan"):
        part = widget(view, name)
        for control in part.inputs():
            assert control.accessibleName(), name
    view.set_form_language("en")
    set_language("ar")
    try:
        rank = widget(view, "priorities")
        assert rank.up.accessibleName().endswith("Priorities")
        assert view.layoutDirection() == Qt.RightToLeft
    finally:
        set_language("en")


def test_finalized_submission_shows_new_types_read_only(qtbot, store, kobo, open_view, tmp_path):
    store.set_answer(kobo, "practice", "Hotline", who="test")
    store.put_attachment(kobo, "plan", "plan.pdf", b"%PDF", who="test")
    store.set_status(kobo, "complete", who="test")
    store.set_status(kobo, "finalized", who="test")
    view = open_view(kobo)
    assert widget(view, "opens").edit.isReadOnly()
    assert widget(view, "score").spin.isReadOnly()
    rank = widget(view, "priorities")
    rank.list.setCurrentRow(0)
    qtbot.keyClick(rank.list, Qt.Key_Down, Qt.AltModifier)
    assert "priorities" not in store.get_answers(kobo)
    plan = widget(view, "plan")
    assert not plan.choose.isEnabled() and not plan.remove.isEnabled()
    assert plan.save.isEnabled()  # the document can still be saved out


def test_typing_over_no_answer_and_leaving_untouched(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    opens = widget(view, "opens")
    opens.edit.setFocus()
    leave(qtbot, view)  # visited, nothing typed: still empty, nothing written
    assert opens.edit.text() == "" and "opens" not in store.get_answers(kobo)
    opens.edit.setFocus()
    qtbot.keyClicks(opens.edit, "00:00")  # midnight typed is an answer
    leave(qtbot, view)
    assert store.get_answers(kobo)["opens"] == "00:00"
    launched = widget(view, "launched")
    launched.edit.setFocus()
    qtbot.keyClicks(launched.edit, "2025-12-24 18:30")
    leave(qtbot, view)
    stored = datetime.fromisoformat(store.get_answers(kobo)["launched"])
    assert stored == datetime(2025, 12, 24, 18, 30).astimezone()
