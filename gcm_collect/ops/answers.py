"""Editing one submission: answers, repeat entries, and its lifecycle (complete, finalize, reopen).

Each function is one user action: it writes through the store (one transaction) and returns what
changed, so the app or the command line can refresh or report. Validation uses the form the
submission was made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.files import write_file
from gcm_collect.forms import (
    AnswerProblem,
    Evaluation,
    Form,
    evaluate,
    instance_title,
    metadata_values,
    parse_file_value,
)
from gcm_collect.forms.types import question_type
from gcm_collect.i18n import _
from gcm_collect.ops.changes import CREATED, EDITED, Changed
from gcm_collect.ops.forms import form_for, who
from gcm_collect.store import UNCHECKED, Store
from gcm_collect.store.records import AuditEntry
from gcm_collect.vocabulary import REGIONS


def form_of(store: Store, uuid: str) -> Form:
    """The form a submission was made with."""
    sub = store.get_submission(uuid)
    return form_for(store, sub.form_id, sub.form_version)


# The identification questions whose answers are also the submission's own State, review region
# and reporting period (list, title, exports, consolidation): one truth for both.
IDENTIFICATION = {"state": "state", "review_region": "region", "reporting_period": "period"}


def confirm_answers(store: Store, uuid: str, paths: list[str]) -> Changed:
    """The officer keeps answers carried over from last cycle as they are: their "to confirm"
    marks go (see ops.lastcycle); ``confirmed``: the paths that were marked."""
    gone = store.confirm_answers(uuid, paths, who=who(store))
    return Changed(EDITED, uuid, confirmed=tuple(gone))


def set_answer(
    store: Store, uuid: str, path: str, value: Any, *, expected: Any = UNCHECKED
) -> Changed:
    """Set (``None`` clears) one answer: committed to disk when this returns. An answer to an
    identification question that is a valid State, region or period also becomes the
    submission's own (same transaction; ``fields`` says it did). ``expected``: the value the
    caller read; AnswerConflict when another is stored now (see ``Store.set_answer``)."""
    value = None if value in ("", []) else value
    author = who(store)
    with store.atomic():
        store.set_answer(uuid, path, value, who=author, expected=expected)
        column = IDENTIFICATION.get(path)
        identified = (
            column is not None
            and _identifies(column, value)
            and store.set_identification(uuid, who=author, **{column: value})
        )
    return Changed(EDITED, uuid, answers={path: value}, fields=identified)


def _identifies(column: str, value: Any) -> bool:
    """Whether ``value`` can stand as the submission's ``column`` (an unfinished or wrong
    answer stays an answer only; the form says what is wrong with it)."""
    from gcm_collect import reference
    from gcm_collect.ops.submissions import period_problem

    if not isinstance(value, str) or not value.strip():
        return False
    if column == "state":
        return reference.state(value) is not None
    if column == "region":
        return value in REGIONS
    return period_problem(value) is None


def add_instance(store: Store, uuid: str, repeat_path: str, position: int | None = None) -> Changed:
    """A new empty repeat entry (last, or at ``position``): its UUID is the ``entry``."""
    entry = store.add_instance(uuid, repeat_path, who=who(store), position=position)
    return Changed(EDITED, uuid, entry=entry)


def duplicate_instance(store: Store, uuid: str, repeat_path: str, instance_uuid: str) -> Changed:
    """A copy of a repeat entry placed right after it (the ``entry``), nested entries included
    (with new UUIDs, since an instance UUID names one entry only). One transaction: all or
    nothing."""
    author = who(store)
    with store.atomic():
        order = store.get_instances(uuid).get(repeat_path, [])
        if instance_uuid not in order:
            raise UserError(_("there is no repeat entry to duplicate"))
        copy = store.add_instance(
            uuid, repeat_path, who=author, position=order.index(instance_uuid) + 1
        )
        renames = {
            _instance_prefix(repeat_path, instance_uuid): _instance_prefix(repeat_path, copy)
        }
        # Nested repeats, outermost first (shorter paths first), each entry with a new UUID.
        for nested, entries in sorted(store.get_instances(uuid).items(), key=lambda i: len(i[0])):
            source = _longest_prefix(nested + "/", renames)
            if source is None:
                continue
            target_repeat = renames[source] + nested[len(source) :]
            for entry in entries:
                new_entry = store.add_instance(uuid, target_repeat, who=author)
                renames[_instance_prefix(nested, entry)] = _instance_prefix(
                    target_repeat, new_entry
                )
        for path, value in store.get_answers(uuid).items():  # read before any copy is written
            source = _longest_prefix(path, renames)
            if source is not None:
                store.set_answer(uuid, renames[source] + path[len(source) :], value, who=author)
    return Changed(EDITED, uuid, entry=copy)


def _instance_prefix(repeat_path: str, instance_uuid: str) -> str:
    return f"{repeat_path}[{instance_uuid}]/"


def _longest_prefix(path: str, renames: dict[str, str]) -> str | None:
    found = [p for p in renames if path.startswith(p)]
    return max(found, key=len) if found else None


def remove_instance(store: Store, uuid: str, repeat_path: str, instance_uuid: str) -> Changed:
    """Remove a repeat entry with its answers; ``undo``: the token ``restore_instance`` takes."""
    token = store.remove_instance(uuid, repeat_path, instance_uuid, who=who(store))
    return Changed(EDITED, uuid, undo=token)


def restore_instance(store: Store, uuid: str, token: int) -> Changed:
    """Undo a removal; the restored entry is the ``entry``."""
    return Changed(EDITED, uuid, entry=store.restore_instance(uuid, token, who=who(store)))


def move_instance(
    store: Store, uuid: str, repeat_path: str, instance_uuid: str, new_position: int
) -> Changed:
    store.move_instance(uuid, repeat_path, instance_uuid, new_position, who=who(store))
    return Changed(EDITED, uuid)


def validate(store: Store, uuid: str, lang: str) -> Evaluation:
    """A full evaluation of the stored answers (messages in ``lang`` for the form's texts)."""
    return evaluate(form_of(store, uuid), store.get_answers(uuid), store.get_instances(uuid), lang)


@dataclass(frozen=True)
class Checked:
    """A lifecycle step that validates first: the ``problems`` that stopped it (nothing
    changed), or none and what it ``changed``."""

    problems: tuple[AnswerProblem, ...]
    changed: Changed | None = None


def mark_complete(store: Store, uuid: str, lang: str) -> Checked:
    """Mark a draft complete if it passes validation; otherwise change nothing and return the
    problems."""
    evaluation = validate(store, uuid, lang)
    if evaluation.problems:
        return Checked(evaluation.problems)
    store.set_status(uuid, "complete", who=who(store))
    return Checked((), Changed(EDITED, uuid, fields=True))


def mark_draft(store: Store, uuid: str) -> Changed:
    """Back to draft (a complete submission whose answers no longer pass validation)."""
    store.set_status(uuid, "draft", who=who(store))
    return Changed(EDITED, uuid, fields=True)


def finalize(store: Store, uuid: str, lang: str) -> Checked:
    """Lock a complete submission. Validation runs again (answers may have changed since it was
    marked complete): with problems, nothing changes and they are returned."""
    if store.get_submission(uuid).status != "complete":
        raise UserError(_("only a complete submission can be finalized; mark it complete first"))
    problems = validate(store, uuid, lang).problems
    if problems:
        return Checked(problems)
    store.set_status(uuid, "finalized", who=who(store))
    return Checked((), Changed(EDITED, uuid, fields=True))


def reopen(store: Store, uuid: str) -> Changed:
    """Reopen a finalized submission as a new draft revision that records the one it revises
    (the new UUID is the change's ``uuid``: a new row of the list)."""
    new = store.new_revision(uuid, who=who(store))
    return Changed(CREATED, new, source=uuid, rows=True)


def history(store: Store, uuid: str) -> list[AuditEntry]:
    """Every change of the submission, oldest first (from the audit log)."""
    return store.history(uuid)


# -- filled by the app: metadata, title, attachments ---------------------------------------------

# The GCM pledge form's limit for an attached document.
MAX_FILE_BYTES = 25 * 1024 * 1024


def write_metadata(
    store: Store,
    uuid: str,
    form: Form,
    *,
    now: datetime,
    started_at: datetime,
    moving: bool = True,
) -> Changed:
    """Write the automatic answers ``metadata_values`` gives now, in one transaction (the
    ``answers``, none when there were none to write). ``moving=False`` writes only the
    set-once ones (opening a submission is not an edit, so it does not move ``end`` or
    ``audit``)."""
    names = [q.name for q in form.questions() if q.is_metadata]
    if not names:
        return Changed(EDITED, uuid)
    values = metadata_values(
        form,
        now=now,
        device_id=store.device_id,
        username=who(store),
        started_at=started_at,
        existing=store.get_answers(uuid, names),  # not the thousands of a big survey
    )
    if not moving:
        values = {p: v for p, v in values.items() if question_type(form.question(p).type).kept}
    if values:
        author = who(store)
        with store.atomic():
            for path, value in values.items():
                # Filled by the app, not typed: the officer still reopens where they left off.
                store.set_answer(uuid, path, value, who=author, remember=False)
    return Changed(EDITED, uuid, answers=values)


def resume_path(store: Store, uuid: str, form: Form) -> str | None:
    """The question to reopen at: the last one the officer edited (metadata writes, which the
    app makes by itself, do not move it)."""
    return store.get_submission(uuid).last_path


def refresh_title(store: Store, uuid: str, lang: str) -> Changed | None:
    """Set the submission's title from the form's ``instance_name``; None when there is none
    or it is unchanged."""
    form = form_of(store, uuid)
    title = instance_title(form, store.get_answers(uuid), lang, store.get_instances(uuid))
    if not title or title == store.get_submission(uuid).title:
        return None
    store.set_title(uuid, title, who=who(store))
    return Changed(EDITED, uuid, fields=True)


def attach_file(store: Store, uuid: str, path: str, name: str, data: bytes) -> Changed:
    """Attach a document as the answer to a ``file`` question (the value in ``answers``)."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(too_large_message(len(data)), name)
    value = store.put_attachment(uuid, path, name, data, who=who(store))
    return Changed(EDITED, uuid, answers={path: value})


def too_large_message(size: int) -> str:
    return _("the file is {size} MB; a document can be at most {limit} MB").format(
        size=f"{size / 1024 / 1024:.1f}", limit=MAX_FILE_BYTES // 1024 // 1024
    )


def save_attachment(store: Store, value: str, target: str | Path) -> Path:
    """Write the document a file answer refers to at ``target``; returns the path written."""
    ref = parse_file_value(value)
    data = None if ref is None else store.get_attachment(ref.sha256)
    if ref is None or data is None:
        raise UserError(_("this document is not in the database"), target)
    target = Path(target)
    try:
        write_file(target, data)
    except OSError as error:
        raise UserError(
            _("cannot write the file: {reason}").format(reason=error.strerror or error), target
        ) from error
    return target
