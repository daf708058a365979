"""History tells the review conversation in words, in the app's language: the comment, the
reply, the decision with its level, the state it set; no code and no JSON of the log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gcm_collect.conversation import REPLY, Comment, Conversation, Decision
from gcm_collect.i18n import set_language

pytestmark = pytest.mark.slow

AT = "2026-03-01T10:00:00Z"


@pytest.fixture
def reviewed(store, draft):
    store.set_status(draft, "finalized", who="officer")
    asked = Comment.new(draft, 1, "lead_entity", "Lars", "Which ministry?", AT, level="national")
    answer = Comment.new(
        draft,
        1,
        "lead_entity",
        "Amina",
        "Interior",
        AT,
        level="national",
        kind=REPLY,
        reply_to=asked.id,
    )
    back = Decision.new(draft, 1, "reject", "Out of scope", "national", "Lars", AT)
    store.save_conversation(Conversation((asked, answer), (back,)), who="officer")
    store.set_review_state(draft, back, who="officer")
    return draft


def _rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.mark.parametrize(
    ("lang", "national", "rejected"),
    [("en", "national", "rejected"), ("ru", "национальный", "отклонен"), ("ar", "وطني", "مرفوض")],
)
def test_history_says_the_review_in_words(qtbot, open_view, reviewed, lang, national, rejected):
    set_language(lang)
    try:
        view = open_view(reviewed)
        qtbot.mouseClick(view.history_button, Qt.LeftButton)
        rows = _rows(view.history_dialog)
        review = [r for r in rows if national in r[5] or rejected in r[5]]
        changes = {r[2] for r in review}
        assert len(changes) == 4  # comment, reply, decision, state: each named
        assert not any("review_" in r[2] for r in rows)
        said = " ".join(r[5] for r in rows)
        assert "Lars" in said and "Which ministry?" in said and "Interior" in said
        assert "Out of scope" in said and rejected in said
        assert "{" not in said and '"level"' not in said
        if lang != "en":
            assert "national" not in said and "reject" not in said
    finally:
        set_language("en")
