"""The list filters by review state and by open comments, in the real main window over a real
database of several submissions; a reply in an open form takes its row out of "With open
comments" at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.app import actions
from gcm_collect.app.submissions_model import UUID_ROLE
from gcm_collect.conversation import Comment, Conversation, Decision
from gcm_collect.i18n import set_language

pytestmark = pytest.mark.slow

AT = "2026-03-01T10:00:00Z"


@pytest.fixture
def several(store):
    """Approved (France), returned with an open comment (Germany, and its revision opened to
    revise), rejected (Italy), a draft with an open comment (Spain), one not reviewed (Chile)."""
    form = store.list_forms()[0]

    def new(state: str, region: str = "ECE") -> str:
        return store.create_submission(
            form_id=form.form_id,
            form_version=form.version,
            state=state,
            region=region,
            period="2025",
        )

    made = {s: new(s) for s in ("FRA", "DEU", "ITA", "ESP")} | {"CHL": new("CHL", "ECLAC")}
    talk = []
    for state, code in (("FRA", "approve"), ("DEU", "return"), ("ITA", "reject")):
        store.set_status(made[state], "finalized", who="officer")
        decision = Decision.new(made[state], 1, code, "Why?", "regional", "Lars", AT)
        talk.append(decision)
    comments = tuple(
        Comment.new(made[s], 1, "lead_entity", "Lars", "Which ministry?", AT)
        for s in ("DEU", "ESP")
    )
    store.save_conversation(Conversation(comments, tuple(talk)), who="officer")
    for decision in talk:
        store.set_review_state(decision.submission, decision, who="officer")
    made["DEU2"] = store.new_revision(made["DEU"], who="officer")
    return made


def _shown(window) -> set[str]:
    model = window.model
    return {model.index(r, 0).data(UUID_ROLE) for r in range(model.rowCount())}


def _choose(qtbot, window, label: str) -> None:
    """The review filter set by keyboard: focus, then arrows until ``label`` shows."""
    combo = window.reviewFilter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == label:
            break
        qtbot.keyClick(combo, Qt.Key_Down)
    assert combo.currentText() == label


def test_the_list_filters_by_review_state(qtbot, window, several):
    window.refresh()
    assert len(_shown(window)) == 6
    assert [window.reviewFilter.itemText(i) for i in range(window.reviewFilter.count())] == [
        "Any review",
        "Approved",
        "Returned",
        "Rejected",
        "Not reviewed",
    ]
    _choose(qtbot, window, "Returned")
    assert _shown(window) == {several["DEU"], several["DEU2"]}
    assert window.counts.text() == "2 of 6 submissions"
    _choose(qtbot, window, "Approved")
    assert _shown(window) == {several["FRA"]}
    _choose(qtbot, window, "Not reviewed")
    assert _shown(window) == {several["ESP"], several["CHL"]}
    # With the State filter too: the two filters together.
    window.regionFilter.setCurrentIndex(window.regionFilter.findData("ECLAC"))
    window.apply_filters()
    assert _shown(window) == {several["CHL"]}


def test_with_open_comments_and_a_reply_that_answers_one(qtbot, window, several):
    window.refresh()
    qtbot.mouseClick(window.openCommentsFilter, Qt.LeftButton)
    assert window.openCommentsFilter.isChecked()
    # Germany's thread stays open on the revision opened to revise it.
    assert _shown(window) == {several["DEU"], several["DEU2"], several["ESP"]}
    status = window.model.index(window.model.row_of(several["ESP"]), 5).data()
    assert "1 open comment" in status
    # The officer answers Spain's comment in its form: the row leaves the list at once.
    actions.open_submission(window, several["ESP"])
    view = window.open_forms[several["ESP"]]
    qtbot.waitExposed(view)
    assert view.jump_to("lead_entity")
    [box] = view.ctrl.parts["lead_entity"].threads.boxes.values()
    qtbot.mouseClick(box.answer, Qt.LeftButton)
    qtbot.keyClicks(box.answer, "The Ministry of the Interior")
    qtbot.keyClick(box.answer, Qt.Key_Return)
    assert _shown(window) == {several["DEU"], several["DEU2"]}
    # Unticked by keyboard: every row again, Spain's without an open comment now.
    window.openCommentsFilter.setFocus()
    qtbot.keyClick(window.openCommentsFilter, Qt.Key_Space)
    assert len(_shown(window)) == 6
    status = window.model.index(window.model.row_of(several["ESP"]), 5).data()
    assert "open comment" not in status
    view.close()


def test_the_filters_speak_arabic(qtbot, window, several):
    set_language("ar")
    try:
        window.retranslate()
        texts = [window.reviewFilter.itemText(i) for i in range(window.reviewFilter.count())]
        assert "Returned" not in texts and all(texts)
        assert window.openCommentsFilter.text() != "With open comments"
        assert QApplication.layoutDirection() == Qt.RightToLeft or window.isRightToLeft()
    finally:
        set_language("en")
        window.retranslate()
