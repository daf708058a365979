"""Editing one submission: answers, repeat entries, and its lifecycle (complete, finalize, reopen).

Each function is one user action: it writes through the store (one transaction) and returns what
changed, so the app or the command line can refresh or report. Validation uses the form the
submission was made with.
"""

from __future__ import annotations

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


def confirm_answers(store: Store, uuid: str, paths: list[str]) -> list[str]:
    """The officer keeps answers carried over from last cycle as they are: their "to confirm"
    marks go (see ops.lastcycle). Returns the paths that were marked."""
    return store.confirm_answers(uuid, paths, who=who(store))


def set_answer(
    store: Store, uuid: str, path: str, value: Any, *, expected: Any = UNCHECKED
) -> bool:
    """Set (``None`` clears) one answer: committed to disk when this returns. An answer to an
    identification question that is a valid State, region or period also becomes the
    submission's own (same transaction); True when it did. ``expected``: the value the caller
    read; AnswerConflict when another is stored now (see ``Store.set_answer``)."""
    value = None if value in ("", []) else value
    author = who(store)
    with store.atomic():
        store.set_answer(uuid, path, value, who=author, expected=expected)
        column = IDENTIFICATION.get(path)
        if column is None or not _identifies(column, value):
            return False
        return store.set_identification(uuid, who=author, **{column: value})


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


def add_instance(store: Store, uuid: str, repeat_path: str, position: int | None = None) -> str:
    """A new empty repeat entry (last, or at ``position``); returns its UUID."""
    return store.add_instance(uuid, repeat_path, who=who(store), position=position)


def duplicate_instance(store: Store, uuid: str, repeat_path: str, instance_uuid: str) -> str:
    """A copy of a repeat entry placed right after it, nested entries included (with new UUIDs,
    since an instance UUID names one entry only). One transaction: all or nothing."""
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
    return copy


def _instance_prefix(repeat_path: str, instance_uuid: str) -> str:
    return f"{repeat_path}[{instance_uuid}]/"


def _longest_prefix(path: str, renames: dict[str, str]) -> str | None:
    found = [p for p in renames if path.startswith(p)]
    return max(found, key=len) if found else None


def remove_instance(store: Store, uuid: str, repeat_path: str, instance_uuid: str) -> int:
    """Remove a repeat entry with its answers; returns the token ``restore_instance`` takes."""
    return store.remove_instance(uuid, repeat_path, instance_uuid, who=who(store))


def restore_instance(store: Store, uuid: str, token: int) -> str:
    """Undo a removal; returns the restored entry's UUID."""
    return store.restore_instance(uuid, token, who=who(store))


def move_instance(
    store: Store, uuid: str, repeat_path: str, instance_uuid: str, new_position: int
) -> None:
    store.move_instance(uuid, repeat_path, instance_uuid, new_position, who=who(store))


def validate(store: Store, uuid: str, lang: str) -> Evaluation:
    """A full evaluation of the stored answers (messages in ``lang`` for the form's texts)."""
    return evaluate(form_of(store, uuid), store.get_answers(uuid), store.get_instances(uuid), lang)


def mark_complete(store: Store, uuid: str, lang: str) -> tuple[AnswerProblem, ...]:
    """Mark a draft complete if it passes validation; otherwise change nothing and return the
    problems (an empty tuple means it is now complete)."""
    evaluation = validate(store, uuid, lang)
    if evaluation.problems:
        return evaluation.problems
    store.set_status(uuid, "complete", who=who(store))
    return ()


def mark_draft(store: Store, uuid: str) -> None:
    """Back to draft (a complete submission whose answers no longer pass validation)."""
    store.set_status(uuid, "draft", who=who(store))


def finalize(store: Store, uuid: str, lang: str) -> tuple[AnswerProblem, ...]:
    """Lock a complete submission. Validation runs again (answers may have changed since it was
    marked complete): with problems, nothing changes and they are returned."""
    if store.get_submission(uuid).status != "complete":
        raise UserError(_("only a complete submission can be finalized; mark it complete first"))
    problems = validate(store, uuid, lang).problems
    if problems:
        return problems
    store.set_status(uuid, "finalized", who=who(store))
    return ()


def reopen(store: Store, uuid: str) -> str:
    """Reopen a finalized submission as a new draft revision that records the one it revises;
    returns the new UUID."""
    return store.new_revision(uuid, who=who(store))


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
) -> dict[str, str]:
    """Write the automatic answers ``metadata_values`` gives now, in one transaction; returns
    them. ``moving=False`` writes only the set-once ones (opening a submission is not an edit,
    so it does not move ``end`` or ``audit``)."""
    names = [q.name for q in form.questions() if q.is_metadata]
    if not names:
        return {}
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
    return values


def resume_path(store: Store, uuid: str, form: Form) -> str | None:
    """The question to reopen at: the last one the officer edited (metadata writes, which the
    app makes by itself, do not move it)."""
    return store.get_submission(uuid).last_path


def refresh_title(store: Store, uuid: str, lang: str) -> str | None:
    """Set the submission's title from the form's ``instance_name``; returns the new title, or
    None when there is none or it is unchanged."""
    form = form_of(store, uuid)
    title = instance_title(form, store.get_answers(uuid), lang, store.get_instances(uuid))
    if not title or title == store.get_submission(uuid).title:
        return None
    store.set_title(uuid, title, who=who(store))
    return title


def attach_file(store: Store, uuid: str, path: str, name: str, data: bytes) -> str:
    """Attach a document as the answer to a ``file`` question; returns the answer value."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(too_large_message(len(data)), name)
    return store.put_attachment(uuid, path, name, data, who=who(store))


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
