"""Screenshots of the real windows (offscreen), in all six languages.

`make screenshots` runs this with GCM_COLLECT_SCREENSHOTS=1 to refresh docs/screenshots/ (the
README's pictures); otherwise the same windows are rendered into a temporary folder, so every
`make test` still builds and grabs them without touching the tracked files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from layout_checks import before, clipped, out_of_reading_order
from PySide6.QtCore import Qt

from gcm_collect.app.form import FormView
from gcm_collect.app.main_window import MainWindow
from gcm_collect.app.new_submission import NewSubmissionDialog
from gcm_collect.conversation import REPLY, Comment, Conversation
from gcm_collect.demo import generate
from gcm_collect.i18n import LANGUAGES, set_language

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AT = "2026-03-01T10:00:00Z"
SEARCH = {"en": "Fr", "fr": "Fr", "es": "Fr", "ru": "Фр", "zh": "法", "ar": "فر"}


def form_with_practices(store) -> str:
    return next(
        s.uuid
        for s in store.list_submissions()
        if len(store.get_instances(s.uuid).get("practices", [])) >= 2 and s.status != "finalized"
    )


def assert_whole_and_in_order(window) -> None:
    assert clipped(window) == []
    assert out_of_reading_order(window) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots(qtbot, store, lang, tmp_path):
    out = DOCS if os.environ.get("GCM_COLLECT_SCREENSHOTS") else tmp_path
    generate(store, 30, seed=1)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1100, 640)
    window.show()
    set_language(lang)  # switched at run time, as a user would from the Language menu
    qtbot.wait(300)  # problem counts arrive after the first paint
    out.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out / f"main-{lang}.png"))
    direction = Qt.RightToLeft if lang == "ar" else Qt.LeftToRight
    assert window.layoutDirection() == direction
    # The first column (State) stands where reading starts: at the right in Arabic.
    columns = [window.table.columnViewportPosition(c) for c in (0, 1)]
    assert (columns[0] > columns[1]) == (lang == "ar")
    assert_whole_and_in_order(window)

    dialog = NewSubmissionDialog(store, window)
    dialog.show()
    # QTest types Latin letters only; other scripts are set as an input method would.
    dialog.stateSearch.setText(SEARCH[lang])
    qtbot.wait(300)
    assert dialog.grab().save(str(out / f"new-submission-{lang}.png"))
    assert dialog.layoutDirection() == direction
    assert_whole_and_in_order(dialog)
    dialog.close()

    key = window.open_key_dialog()  # Help > Device key, in the language just chosen
    qtbot.wait(300)
    assert key.grab().save(str(out / f"key-{lang}.png"))
    assert key.layoutDirection() == direction
    key.close()

    uuid = form_with_practices(store)
    view = FormView(store, uuid)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    view.show()
    practice = store.get_instances(uuid)["practices"][1]
    view.jump_to(f"practices[{practice}]/practice_summary")
    view.ctrl.parts[f"practices[{practice}]/practice_summary"].edit.setPlainText("Too short.")
    view.flush()
    view.jump_to(f"practices[{practice}]/practice_title")
    qtbot.wait(500)  # let the offscreen backing store settle before grabbing
    assert view.grab().save(str(out / f"form-{lang}.png"))
    assert view.layoutDirection() == direction
    # The sections come first in reading order, then the page; the title before the buttons.
    assert before(view.navigator, view.stack, view)
    assert before(view.message, view.history_button, view)
    assert_whole_and_in_order(view)

    # Find in form (Ctrl+F): the label of the practices' title, in the form language; the
    # first practice's shown.
    first = store.get_instances(uuid)["practices"][0]
    label = view.ctrl.form.question("practice_title").label(view.ctrl.form_lang)[0]
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier)
    view.find_bar.edit.setText(label)
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    qtbot.wait(300)
    assert view.find_bar.isVisible() and view.find_bar.found
    # Earlier labels may hold the same word ("Title of the national GCM implementation
    # plan"): Enter steps on, as a user would, to the first practice's title.
    bar = view.find_bar
    for _ in range(len(bar.found)):
        if bar.found[bar.current].startswith("practices["):
            break
        qtbot.keyClick(bar.edit, Qt.Key_Return)
        qtbot.wait(100)
    assert view.ctrl.parts["practices"].current == first
    assert view.grab().save(str(out / f"form-find-{lang}.png"))
    assert_whole_and_in_order(view)

    # The read-through of every answer (Review answers, Ctrl+R).
    qtbot.keyClick(view, Qt.Key_R, Qt.ControlModifier)
    review = view.review_dialog
    review.resize(820, 760)
    qtbot.wait(300)
    assert review.grab().save(str(out / f"review-{lang}.png"))
    assert review.layoutDirection() == direction
    assert_whole_and_in_order(review)
    review.close()

    # A reviewer's comment on the second practice's title, answered, and one still open: the
    # threads under the question and in the Review panel, whole in every language.
    path = f"practices[{practice}]/practice_title"
    revision = store.get_submission(uuid).revision
    asked = Comment.new(uuid, revision, path, "Lars Berg", "Which year did it start?", AT)
    answer = Comment.new(
        uuid, revision, path, "Amina Diallo", "In 2021.", AT, kind=REPLY, reply_to=asked.id
    )
    still = Comment.new(uuid, revision, path, "Lars Berg", "Who funds it?", AT, level="national")
    store.save_conversation(Conversation((asked, answer, still)), who="test")
    view.show_review()
    view.jump_to(path)
    qtbot.wait(300)
    assert view.grab().save(str(out / f"form-comments-{lang}.png"))
    assert view.review_panel.isVisible()
    assert_whole_and_in_order(view)
    view.close()
    window.close()
    set_language("en")


# What the reviewer writes in the pictures of docs/reviewers.md, in the language shown.
REVIEWER_SAYS = {
    "en": ("Which ministry leads this practice?", "Name the lead ministry"),
    "ar": ("ما الوزارة التي تقود هذه الممارسة؟", "يرجى ذكر الوزارة الرائدة"),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(REVIEWER_SAYS))
def test_review_screenshots(qtbot, store, lang, tmp_path):
    """File ▸ Open for review: the review window and a submission read only in the form view,
    with a comment under a practice's question and a return decided (docs/reviewers.md)."""
    from gcm_collect.app.review_window import ReviewWindow
    from gcm_collect.export import export_workbook
    from gcm_collect.ops import reviewing
    from gcm_collect.store import Store

    out = DOCS if os.environ.get("GCM_COLLECT_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    from gcm_collect.app import languages

    generate(store, 6, seed=1)
    languages.install()
    set_language(lang)
    workbook = tmp_path / f"export-{lang}.xlsx"
    export_workbook(store, workbook, lang=lang)
    scratch = Store.open(reviewing.open_for_review(store, workbook, folder=tmp_path).scratch)
    uuid = form_with_practices(scratch)
    practice = scratch.get_instances(uuid)["practices"][0]
    path = f"practices[{practice}]/practice_title"
    comment, reason = REVIEWER_SAYS[lang]
    reviewing.comment(scratch, uuid, path, comment)
    reviewing.decide(scratch, uuid, "return", reason)
    direction = Qt.RightToLeft if lang == "ar" else Qt.LeftToRight

    review = ReviewWindow(store, scratch)
    qtbot.addWidget(review)
    review.resize(1000, 420)
    review.show()
    qtbot.wait(300)
    assert review.grab().save(str(out / f"review-window-{lang}.png"))
    assert review.layoutDirection() == direction
    assert_whole_and_in_order(review)

    view = review.open_submission(uuid)
    view.resize(1280, 860)
    view.jump_to(path)
    qtbot.wait(500)  # let the offscreen backing store settle before grabbing
    assert view.grab().save(str(out / f"reviewing-{lang}.png"))
    assert view.layoutDirection() == direction
    assert view.review_panel.list.count() >= 1
    assert_whole_and_in_order(view)
    review.close()
    set_language("en")
