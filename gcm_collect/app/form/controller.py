"""The state behind one open submission: store writes (through ops.answers), the incremental
evaluation, and which questions the officer has touched. Widgets call it and refresh from its
signals; it holds no widgets itself beyond a registry of the ones showing answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from gcm_collect.conversation import Comment, Thread
from gcm_collect.errors import AnswerConflict, StorageUnavailable, UserError
from gcm_collect.forms import Evaluation, Form, Session
from gcm_collect.i18n import language
from gcm_collect.ops import answers as ops
from gcm_collect.ops import review
from gcm_collect.ops.changes import EDITED, Changed
from gcm_collect.store import Store, Submission

# ``end`` and ``audit`` move at most once per this much editing (and on close): each write is an
# audit row, and a row per keystroke pause would drown the real changes.
METADATA_INTERVAL_MS = 10_000
# The title (``instance_name``) follows the answers once edits pause, like the submissions list.
TITLE_DELAY_MS = 800
# An answer the database refused (full disk, read-only file) is tried again this often.
RETRY_MS = 3000
# How often the window looks whether another program saved to the database (a cheap check).
ELSEWHERE_MS = 2000


def local_now() -> datetime:
    """Now, with the local UTC offset (stored metadata times carry it)."""
    return datetime.now().astimezone()


class Part(Protocol):
    """Anything on screen that follows the evaluation and the language (question, group, repeat)."""

    def apply(self, evaluation: Evaluation) -> None: ...

    def retranslate(self) -> None: ...


def form_language_for(form: Form, app_language: str) -> str:
    """The form follows the app's language when the form has it, else its default language."""
    return app_language if app_language in form.languages else form.default_language


class FormController(QObject):
    evaluated = Signal(object)  # Evaluation, after every change
    saved = Signal(str, object)  # path, value: emitted once the write is committed to disk
    pending = Signal()  # typing waits for its short pause before being written
    failed = Signal(str)  # one clear message
    # A Changed: what an operation wrote (for the app's broadcast: lists, history, review)
    changed = Signal(object)
    status_changed = Signal(str)  # new status
    instances_changed = Signal(str)  # repeat path
    title_changed = Signal(str)  # the submission's new title (from the form's instance_name)
    unsaved_changed = Signal()  # answers refused by the database were kept, or written at last
    conflicted = Signal(str)  # path: saved elsewhere since read, and the officer changed it too
    reloaded = Signal(object)  # set of paths saved elsewhere, now in the evaluation: show them

    def __init__(
        self,
        store: Store,
        uuid: str,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] = local_now,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.read_only = read_only  # a reviewer reading a workbook: nothing is ever written
        self.clock = clock
        self.parts: dict[str, Part] = {}
        self.flushers: list[Callable[[], None]] = []
        self.form_lang_chosen: str | None = None
        self.metadata_due = False  # edited since end/audit were last written
        self.metadata_timer = QTimer(self)
        self.metadata_timer.setSingleShot(True)
        self.metadata_timer.setInterval(METADATA_INTERVAL_MS)
        self.metadata_timer.timeout.connect(self.write_metadata)
        self.title_timer = QTimer(self)
        self.title_timer.setSingleShot(True)
        self.title_timer.setInterval(TITLE_DELAY_MS)
        self.title_timer.timeout.connect(self.update_title)
        # Answers the database refused for a reason outside the app (full disk, read-only file),
        # by path: still on screen, marked "not saved", tried again until written.
        self.unsaved: dict[str, Any] = {}
        self.unsaved_reason = ""
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)
        # Answers changed elsewhere (the command line's import, another program on the same
        # file) since this window read them, that the officer changed too: path -> (the
        # officer's value, the value saved elsewhere). Nothing is overwritten until they choose.
        self.conflicts: dict[str, tuple[Any, Any]] = {}
        self._following = False
        self.elsewhere_timer = QTimer(self)  # runs while the window is on screen
        self.elsewhere_timer.setInterval(ELSEWHERE_MS)
        self.elsewhere_timer.timeout.connect(self.follow_elsewhere)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Typing waiting for its pause is written at once when focus moves anywhere (another
            # field, window or application: lid closed, power button), and everything is
            # settled when the application quits, whatever way it quits.
            app.focusChanged.connect(self._focus_moved)
            app.applicationStateChanged.connect(self._focus_moved)
            app.aboutToQuit.connect(self.settle)
        self.load(uuid)

    # -- loading ------------------------------------------------------------------------------

    def load(self, uuid: str) -> None:
        self.uuid = uuid
        self.submission: Submission = self.store.get_submission(uuid)
        self.form: Form = ops.form_of(self.store, uuid)
        self.started_at = self.clock()
        self.metadata_due = False
        self.metadata_timer.stop()
        self.title_timer.stop()
        if not self.locked:
            # Opening is not an edit: only the set-once metadata (start, today, ...) are written.
            self._run(
                ops.write_metadata,
                self.store,
                uuid,
                self.form,
                now=self.started_at,
                started_at=self.started_at,
                moving=False,
            )
        self.resume_path = ops.resume_path(self.store, uuid, self.form)
        self.conflicts.clear()
        self._read_stored()
        self.read_threads()
        self.touched: set[str] = set()
        self.last_written: str | None = None  # the answer just written (its problem is spoken)
        self.show_all = False  # after a refused Mark complete: every problem shows

    def _read_stored(self) -> None:
        """Answers and entries as stored now, evaluated. ``stored`` is what each write of the
        officer's is based on: the store refuses it if another value was saved since."""
        self.seen_version = self.store.data_version()  # read first: a later write is seen
        self.instances: dict[str, list[str]] = self.store.get_instances(self.uuid)
        self.stored: dict[str, Any] = self.store.get_answers(self.uuid)
        self.to_confirm: set[str] = self.store.to_confirm(self.uuid)  # carried from last cycle
        self.session = Session(self.form, self.stored, self.instances, self.form_lang)
        self.evaluation: Evaluation = self.session.evaluation()

    def read_threads(self) -> None:
        """The reviewers' threads on this revision and those it revises, by answer path."""
        self.threads: list[Thread] = review.threads_of(self.store, self.uuid)
        self.threads_at: dict[str, list[Thread]] = {}
        for thread in self.threads:
            self.threads_at.setdefault(thread.comment.path, []).append(thread)

    def reply_to_review(self, comment: Comment, text: str, *, resolve: bool = False) -> bool:
        """The officer's reply to a reviewer's comment (or the thread resolved): stored, then
        ``changed`` tells the window to broadcast it. False (``failed`` said why) if refused."""
        changed = self._run(review.reply_to, self.store, comment, text, resolve=resolve)
        if changed is _FAILED:
            return False
        self.changed.emit(changed)
        return True

    @property
    def form_lang(self) -> str:
        return self.form_lang_chosen or form_language_for(self.form, language())

    @property
    def locked(self) -> bool:
        return self.read_only or self.submission.status == "finalized" or self.submission.deleted

    @property
    def evaluation(self) -> Evaluation:
        return self._evaluation

    @evaluation.setter
    def evaluation(self, evaluation: Evaluation) -> None:
        # Problems by path, once per change: every widget looks its own up.
        self._evaluation = evaluation
        by_path: dict[str, list] = {}
        for problem in evaluation.problems:
            by_path.setdefault(problem.path, []).append(problem)
        self.problems_at = by_path

    def answer(self, path: str) -> Any:
        return self.evaluation.answers.get(path)

    def reevaluate(self) -> Evaluation:
        """A full pass (language changed: the form's messages are in the form language)."""
        self.session.lang = self.form_lang
        self.evaluation = self.session.set_instances(self.instances)
        self.evaluated.emit(self.evaluation)
        return self.evaluation

    # -- answers ------------------------------------------------------------------------------

    def commit(self, path: str, value: Any) -> bool:
        """Write one answer now (one transaction) and re-evaluate; False if it was refused.

        Refused by the disk (full, read-only, busy), the answer is kept in ``unsaved`` and
        tried again every few seconds; the officer sees it marked until it is written."""
        if value in ("", []):
            value = None
        if self.evaluation.answers.get(path) == value:
            if self.unsaved.pop(path, _FAILED) is not _FAILED:  # typed back to what is stored
                self._unsaved_changed()
            return True
        try:
            changed = ops.set_answer(
                self.store, self.uuid, path, value, expected=self.stored.get(path)
            )
        except AnswerConflict as conflict:
            self.unsaved.pop(path, None)  # the officer decides; no more tries meanwhile
            self.conflicts[path] = (value, conflict.saved)
            self.conflicted.emit(path)
            return False
        except StorageUnavailable as error:
            self.unsaved[path] = value
            self.unsaved_reason = error.message
            self._unsaved_changed()
            self.failed.emit(str(error))
            return False
        except UserError as error:
            self.failed.emit(str(error))
            return False
        was_unsaved = self.unsaved.pop(path, _FAILED) is not _FAILED
        self._written(changed)
        if was_unsaved:
            self._unsaved_changed()
        if changed.fields:  # the submission's own State, region or period follows the answer
            self._refresh_submission()
            self.title_changed.emit(self.submission.title)
        return True

    def resolve(self, path: str, keep_mine: bool) -> bool:
        """The officer's choice for an answer saved elsewhere meanwhile: write theirs over the
        saved one (it was shown to them), or take the saved one; True once settled."""
        mine, saved = self.conflicts.pop(path)
        self._take_stored(path, saved)
        if keep_mine:
            return self.commit(path, mine)  # based on the saved value: refused if it moved again
        self.reloaded.emit({path})
        self.evaluated.emit(self.evaluation)
        return True

    def _take_stored(self, path: str, value: Any) -> None:
        if value is None:
            self.stored.pop(path, None)
        else:
            self.stored[path] = value
        self.evaluation = self.session.set_answer(path, value)

    def follow_elsewhere(self, *, force: bool = False) -> bool:
        """Show what was saved elsewhere on this submission since the window read it: answers
        the officer did not change are shown silently; one they changed too becomes a conflict
        for them to settle. True when anything was new. Called every ELSEWHERE_MS, when the
        window comes to the front, and before lifecycle steps; with ``force`` also after a
        change on this window's own connection (which SQLite's data version does not count)."""
        if self._following or not self.store.is_open:
            return False
        try:
            if self.store.data_version() == self.seen_version and not force:
                return False  # nobody else wrote to the database at all
            self._following = True
            self.flush()  # typing still waiting is written against what it was typed over
            before, entries_before = self.stored, self.instances
            submission = self.store.get_submission(self.uuid)
            self._read_stored()
        except UserError:
            return False  # unreadable now (disk, lock): tried again on the next occasion
        finally:
            self._following = False
        changed = {
            p for p in before.keys() | self.stored.keys() if before.get(p) != self.stored.get(p)
        }
        for path in changed & set(self.unsaved):  # refused by the disk, then saved elsewhere
            self.conflicts[path] = (self.unsaved.pop(path), self.stored.get(path))
            self._unsaved_changed()
            self.conflicted.emit(path)
        if _shown(submission) != _shown(self.submission):
            self.submission = submission
            self.status_changed.emit(submission.status)
            self.title_changed.emit(submission.title)
        moved = {
            r
            for r in entries_before.keys() | self.instances.keys()
            if entries_before.get(r) != self.instances.get(r)
        }
        for repeat_path in sorted(moved, key=len):  # outer repeats first
            self.instances_changed.emit(repeat_path)
        if changed or moved:
            self.reloaded.emit(changed - set(self.conflicts))
            self.evaluated.emit(self.evaluation)
            # Seen, not made here: another program's write, told to the app's other views.
            self.changed.emit(Changed(EDITED, self.uuid))
        return bool(changed or moved)

    def retry(self) -> bool:
        """Try the refused answers again, oldest first; True once every one is written."""
        for path, value in list(self.unsaved.items()):
            if path not in self.unsaved:  # written meanwhile (a signal's slot typed again)
                continue
            del self.unsaved[path]
            if not self.commit(path, value) and path in self.unsaved:
                return False  # the disk still refuses: the rest waits for the next try
            # Refused for another reason (its entry was removed): said once, not retried.
        if not self.unsaved:
            self._unsaved_changed()
        return not self.unsaved

    def forget_unsaved(self) -> None:
        """The officer chose to lose the refused answers (closing): no more tries."""
        self.unsaved.clear()
        self._unsaved_changed()

    def _unsaved_changed(self) -> None:
        if self.unsaved and not self.retry_timer.isActive():
            self.retry_timer.start()
        elif not self.unsaved:
            self.retry_timer.stop()
        self.unsaved_changed.emit()

    def attach(self, path: str, name: str, data: bytes) -> bool:
        """Attach a document as the answer to a file question; False if it was refused."""
        changed = self._run(ops.attach_file, self.store, self.uuid, path, name, data)
        if changed is _FAILED:
            return False
        self._written(changed)
        return True

    def save_attachment(self, value: str, target: str) -> bool:
        """Write out the document a file answer refers to; False (with a message) if not."""
        return self._run(ops.save_attachment, self.store, value, target) is not _FAILED

    def _written(self, changed: Changed) -> None:
        """Follow an answer the officer wrote (``changed.answers``: its one path and value)."""
        [(path, value)] = changed.answers.items()
        self.touched.add(path)
        self.last_written = path
        self.to_confirm.discard(path)  # edited: the store took its mark off with the write
        self._take_stored(path, value)
        self.saved.emit(path, value)
        self._demote_if_invalid()
        self.evaluated.emit(self.evaluation)
        self.changed.emit(changed)
        self._edited()

    def confirm(self, paths: list[str]) -> list[str]:
        """Keep carried answers as they are: their "to confirm" marks go."""
        paths = [p for p in paths if p in self.to_confirm]
        if not paths:
            return []
        changed = self._run(ops.confirm_answers, self.store, self.uuid, paths)
        if changed is _FAILED:
            return []
        self.to_confirm.difference_update(changed.confirmed)
        self.evaluated.emit(self.evaluation)
        self.changed.emit(changed)
        return list(changed.confirmed)

    def _edited(self) -> None:
        self.metadata_due = True
        if not self.metadata_timer.isActive():
            self.metadata_timer.start()
        self.title_timer.start()

    # -- filled by the app --------------------------------------------------------------------

    def write_metadata(self) -> dict[str, str]:
        """Move ``end`` and ``audit`` now if anything was edited since they last moved."""
        self.metadata_timer.stop()
        if not self.metadata_due or self.locked:
            return {}
        self.metadata_due = False
        now = self.clock()
        changed = self._run(
            ops.write_metadata,
            self.store,
            self.uuid,
            self.form,
            now=now,
            started_at=self.started_at,
        )
        if changed is _FAILED or not changed.answers:
            return {}
        for path, value in changed.answers.items():
            self._take_stored(path, value)
        self.evaluated.emit(self.evaluation)
        self.changed.emit(changed)
        return dict(changed.answers)

    def update_title(self) -> str | None:
        """Store the title the form's ``instance_name`` gives, when it gives a new one."""
        self.title_timer.stop()
        if self.locked:
            return None
        changed = self._run(ops.refresh_title, self.store, self.uuid, self.form_lang)
        if changed is _FAILED or changed is None:
            return None
        self.submission = self.store.get_submission(self.uuid)
        self.title_changed.emit(self.submission.title)
        self.changed.emit(changed)
        return self.submission.title

    def settle(self) -> None:
        """Write everything still waiting: typing, answers refused before, end/audit, the title
        (close, quit, lifecycle)."""
        self.flush()
        if self.unsaved:
            self.retry()
        self.write_metadata()
        if self.title_timer.isActive():
            self.update_title()

    def _focus_moved(self, *_args: object) -> None:
        if shiboken6.isValid(self):
            self.flush()

    def flush(self) -> None:
        """Write whatever typing is still waiting for its short delay (focus out, close, switch)."""
        for flush in list(self.flushers):
            flush()

    def _demote_if_invalid(self) -> None:
        if self.submission.status == "complete" and not self.evaluation.ok:
            changed = self._run(ops.mark_draft, self.store, self.uuid)
            self._refresh_submission(None if changed is _FAILED else changed)

    # -- repeat entries -----------------------------------------------------------------------

    def add_instance(self, repeat_path: str, position: int | None = None) -> str | None:
        changed = self._instances_op(repeat_path, ops.add_instance, repeat_path, position)
        return None if changed is None else changed.entry

    def duplicate_instance(self, repeat_path: str, instance_uuid: str) -> str | None:
        changed = self._instances_op(
            repeat_path, ops.duplicate_instance, repeat_path, instance_uuid
        )
        return None if changed is None else changed.entry

    def remove_instance(self, repeat_path: str, instance_uuid: str) -> int | None:
        changed = self._instances_op(repeat_path, ops.remove_instance, repeat_path, instance_uuid)
        return None if changed is None else changed.undo

    def restore_instance(self, repeat_path: str, token: int) -> str | None:
        changed = self._instances_op(repeat_path, ops.restore_instance, token)
        return None if changed is None else changed.entry

    def move_instance(self, repeat_path: str, instance_uuid: str, position: int) -> None:
        self._instances_op(repeat_path, ops.move_instance, repeat_path, instance_uuid, position)

    def _instances_op(
        self, repeat_path: str, op: Callable[..., Changed], *args: Any
    ) -> Changed | None:
        self.follow_elsewhere()  # what others saved is shown before the reload below
        self.flush()
        changed = self._run(op, self.store, self.uuid, *args)
        if changed is _FAILED:
            return None
        # Duplicates and restores bring answers back: reload them with the new layout.
        self._read_stored()
        self._demote_if_invalid()
        self.instances_changed.emit(repeat_path)
        self.evaluated.emit(self.evaluation)
        self.changed.emit(changed)
        self._edited()
        return changed

    # -- lifecycle ----------------------------------------------------------------------------

    def mark_complete(self) -> bool:
        """True when marked complete; otherwise every problem is shown and False returned."""
        return self._advance(ops.mark_complete)

    def finalize(self) -> bool:
        return self._advance(ops.finalize)  # settles first: once finalized, nothing is written

    def _advance(self, step: Callable[..., Any]) -> bool:
        """Run a lifecycle step that validates first; on problems, show them all."""
        self.follow_elsewhere()
        self.settle()
        checked = self._run(step, self.store, self.uuid, self.form_lang)
        if checked is _FAILED:
            return False
        if checked.problems:
            self.show_all = True
            self.evaluated.emit(self.evaluation)
            return False
        self._refresh_submission(checked.changed)
        return True

    def reopen(self) -> Changed | None:
        """Reopen as a new revision and load it; what changed (a new row of the list, made from
        this one) is for the window to broadcast once it shows the new revision."""
        self.settle()
        changed = self._run(ops.reopen, self.store, self.uuid)
        if changed is _FAILED:
            return None
        self.load(changed.uuid)
        self.status_changed.emit(self.submission.status)
        return changed

    def history(self) -> list:
        return ops.history(self.store, self.uuid)

    def _refresh_submission(self, changed: Changed | None = None) -> None:
        """Read the submission's own fields again; ``changed``, the operation that changed
        them, goes out (None: it went out with the answer that changed them)."""
        self.submission = self.store.get_submission(self.uuid)
        self.status_changed.emit(self.submission.status)
        if changed is not None:
            self.changed.emit(changed)

    def _run(self, op: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return op(*args, **kwargs)
        except UserError as error:
            self.failed.emit(str(error))
            return _FAILED


_FAILED = object()


def _shown(sub: Submission) -> tuple:
    """What the window shows of the submission itself (not when it was last written)."""
    return (sub.status, sub.deleted_at, sub.title, sub.state, sub.region, sub.period)
