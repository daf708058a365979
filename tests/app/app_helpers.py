"""Helpers for the app tests: many small submissions, fast."""

from __future__ import annotations

import uuid as uuidlib

from PySide6.QtWidgets import QStackedWidget, QWidget

from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store

STATES = (("SEN", "ECA"), ("FRA", "ECE"), ("CHL", "ECLAC"), ("JPN", "ESCAP"), ("JOR", "ESCWA"))


def add_minimal(store: Store, count: int, *, start: int = 0) -> None:
    """``count`` small submissions, written in one transaction (thousands a second)."""
    form = ensure_builtin(store)
    statuses = ("draft", "complete", "finalized")
    with store.atomic():
        for i in range(start, start + count):
            state, region = STATES[i % len(STATES)]
            store.put_submission(
                {
                    "uuid": str(uuidlib.UUID(int=i + 1, version=4)),
                    "form_id": form.form_id,
                    "form_version": form.version,
                    "state": state,
                    "region": region,
                    "period": str(2020 + i % 6),
                    "status": statuses[i % 3],
                    "title": f"Submission {i}",
                    "answers": {"lead_entity": f"Ministry {i}"},
                },
                who="test",
            )


def app_windows(store: Store) -> dict:
    """One of each of the app's own windows and dialogs (the form window aside), by name."""
    from gcm_collect.app.consolidate_dialog import ConsolidateDialog
    from gcm_collect.app.export_dialog import ExportDialog
    from gcm_collect.app.main_window import MainWindow
    from gcm_collect.app.new_submission import NewSubmissionDialog
    from gcm_collect.app.passphrase_dialog import CHOOSE, PassphraseDialog
    from gcm_collect.app.preferences import PreferencesDialog

    return {
        "main window": MainWindow(store),
        "new submission": NewSubmissionDialog(store),
        "preferences": PreferencesDialog(store),
        "export": ExportDialog(store),
        "consolidate": ConsolidateDialog(),
        # The passphrase chosen twice: its fullest form.
        "passphrase": PassphraseDialog(store.path, lambda passphrase: None, mode=CHOOSE),
    }


def check_every_window(qtbot, store: Store, lang: str, check) -> tuple[dict, dict]:
    """Open every window of the app in ``lang`` (the form window on each of its sections, its
    review and history dialogs) and ``check(window)`` each. Returns what each check found, by
    window, and the main window and form window (left open, for more checks)."""
    from gcm_collect.app import languages
    from gcm_collect.app.form import FormView
    from gcm_collect.i18n import set_language

    languages.install()
    set_language(lang)
    uuid = store.list_submissions()[0].uuid
    _comment_on(store, uuid)
    windows = app_windows(store)
    view = FormView(store, uuid)
    for window in [*windows.values(), view]:
        qtbot.addWidget(window)
        window.show()
    found = {name: check(window) for name, window in windows.items()}
    for node in view.nodes:  # every section of the form, its repeat editors shown
        view.show_section(node.key)
        found[f"form, section {node.key}"] = check(view)
    review = view.open_review(finalizing=True)
    found["review answers"] = check(review)
    history = view.show_history()
    qtbot.addWidget(history)
    found["history"] = check(history)
    return found, {"main window": windows["main window"], "form": view}


def _comment_on(store: Store, uuid: str) -> None:
    """A reviewer's comment, answered, on the submission's first question: the form window
    shows its thread under the question and in its Review panel (their controls are checked)."""
    from gcm_collect.conversation import REPLY, Comment, Conversation

    revision = store.get_submission(uuid).revision
    question = "lead_entity"
    asked = Comment.new(uuid, revision, question, "Lars", "Which ministry?", "2026-03-01T10:00Z")
    answered = Comment.new(
        uuid,
        revision,
        question,
        "Amina",
        "Interior",
        "2026-03-02T10:00Z",
        kind=REPLY,
        reply_to=asked.id,
    )
    store.save_conversation(Conversation((asked, answered)), who="test")


def on_another_page(widget: QWidget, window: QWidget) -> bool:
    """Inside a stacked page that is not the one shown (its keys are not active)."""
    parent = widget
    while parent is not None and parent is not window:
        holder = parent.parentWidget()
        if isinstance(holder, QStackedWidget) and holder.currentWidget() is not parent:
            return True
        parent = holder
    return False
