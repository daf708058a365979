"""Reviewing a workbook in the app: open an export or a regional workbook, read only, comment on
its questions, decide, and write the same return files as ``gcm-collect return``.

The workbook is read the way every untrusted workbook is (``import_workbook``: in the reading
child, fingerprint, checksums and signature verified) into a **scratch review database**, one per
workbook content: ``reviews/<fingerprint>.sqlite`` beside the reviewer's own database (the
private data folder, 0700). The form view shows its submissions read only; the reviewer's
comments and decisions are kept there as they are made, so closing the window loses nothing and
opening the same workbook again (even after it was re-saved with notes in LibreOffice: the
hidden part, hence the fingerprint, is the same) resumes the review. The reviewer's own
database is never written to: its key signs the return files and its register judges who signed
the workbook.
"""

from __future__ import annotations

import os
import uuid as uuids
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.conversation import (
    DECISIONS,
    NEEDS_REASON,
    REGIONAL,
    Comment,
    Conversation,
    Decision,
    threads,
)
from gcm_collect.environment import data_dir
from gcm_collect.errors import StorageUnavailable, UserError
from gcm_collect.export import import_workbook
from gcm_collect.export.importer import Cancel, Progress
from gcm_collect.files import discard, replace
from gcm_collect.forms import parse_path
from gcm_collect.i18n import _
from gcm_collect.isolation import shared_child
from gcm_collect.ops.answers import form_of
from gcm_collect.ops.importing import signed_by
from gcm_collect.ops.keys import officer, register
from gcm_collect.ops.review import Returned, Reviewed, check_level, write_returns
from gcm_collect.store import Store
from gcm_collect.store.private import COMPANIONS, private_folder
from gcm_collect.workbook.reader import read_export
from gcm_collect.workbook.returnfile import ReturnMeta
from gcm_collect.workbook.reviewed import Review, read_review

FOLDER = "reviews"
SETTING = "review_of"  # in the scratch database: what it holds and who reviews it


@dataclass(frozen=True)
class ReviewSource:
    """The workbook a scratch review database was made from, and the review being made."""

    workbook: str  # the path it was opened from (last time)
    fingerprint: str
    lang: str  # the workbook's language: the return files are written in it
    signer: str  # who signed it, as the reviewer's register judged it
    reviewer: str
    level: str = REGIONAL
    problems: tuple[str, ...] = ()  # what of its spreadsheet comments could not be taken

    def to_data(self) -> dict[str, Any]:
        return {**self.__dict__, "problems": list(self.problems)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ReviewSource:
        return cls(**{**data, "problems": tuple(data.get("problems") or ())})


@dataclass(frozen=True)
class Opened:
    scratch: Path  # the scratch review database
    source: ReviewSource
    submissions: int
    resumed: bool  # an earlier review of the same workbook was found and kept


def scratch_folder(main: Store) -> Path:
    """Where scratch review databases live: beside the reviewer's database."""
    return (main.path.parent if main.path is not None else data_dir()) / FOLDER


def open_for_review(
    main: Store,
    path: str | os.PathLike[str],
    *,
    level: str = REGIONAL,
    folder: Path | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Opened:
    """Read ``path`` (verified, in the reading child) into its scratch review database, with
    the comments and decisions it carries and those its reviewer added in the spreadsheet.
    UserError naming the file, and nothing left behind, when it cannot be taken."""
    check_level(level)
    file = Path(path)
    if not file.is_file():
        raise UserError(_("file not found"), file)
    folder = folder or scratch_folder(main)
    try:
        private_folder(folder)
    except OSError as exc:
        raise UserError(str(exc.strerror or exc), folder) from exc
    reviewer = officer(main)
    incoming = folder / f".incoming-{uuids.uuid4().hex}.sqlite"
    try:
        with Store.open(incoming) as scratch:
            result = import_workbook(scratch, file, progress=progress, cancel=cancel)
        review, lang = shared_child().call(file, _review_here, file, level, reviewer)
        target = folder / f"{result.fingerprint}.sqlite"
        set_aside = _set_aside(target) if _unusable(target) else None
        resumed = target.exists()
        if not resumed:
            replace(incoming, target)
    finally:
        for suffix in ("", *COMPANIONS):
            discard(f"{incoming}{suffix}")
    problems = review.problems
    if set_aside is not None:
        problems += (
            _(
                "the review kept for this workbook could not be opened; it was set aside as "
                "{file} and the review starts again"
            ).format(file=set_aside),
        )
    source = ReviewSource(
        str(file),
        result.fingerprint,
        lang,
        signed_by(register(main), result.signature),
        reviewer,
        level,
        problems,
    )
    with Store.open(target) as scratch:
        scratch.set_setting("officer", reviewer)  # replies in the form view are the reviewer's
        if resumed:  # the reviewer's level and decisions made here are the latest word
            earlier = source_of(scratch)
            source = ReviewSource(**{**source.__dict__, "level": earlier.level})
        scratch.set_setting(SETTING, source.to_data())
        _keep(scratch, review.conversation, file.name)
        count = scratch.count_submissions()
    return Opened(target, source, count, resumed)


def _unusable(target: Path) -> bool:
    """Whether an earlier review is there but cannot be resumed: damaged, not a database, or
    emptied (a database made anew where the review's was deleted). Another program holding it
    is StorageUnavailable, which passes: the review is left alone."""
    if not target.exists():
        return False
    try:
        with Store.open(target) as earlier:
            usable = isinstance(earlier.get_setting(SETTING), dict)
            return not (usable and earlier.count_submissions())
    except StorageUnavailable:
        raise
    except UserError:
        return True


def _set_aside(target: Path) -> Path:
    """Move an unusable scratch database out of the way, kept beside it (nothing of a review
    is ever deleted); the path it now has."""
    aside = target.with_name(f"{target.stem}.unusable-{uuids.uuid4().hex[:8]}.sqlite")
    for suffix in ("", *COMPANIONS):
        if Path(f"{target}{suffix}").exists():
            replace(f"{target}{suffix}", f"{aside}{suffix}")
    return aside


def check_present(scratch: Path | None) -> None:
    """UserError when the scratch database was deleted or moved while its review was open:
    writing on would go to a file nobody can open again (or make a new, empty one)."""
    if scratch is not None and not scratch.exists():
        raise UserError(
            _(
                "the review's database was deleted or moved while the review was open; open "
                "the workbook for review again"
            ),
            scratch,
        )


def _review_here(file: Path, level: str, reviewer: str) -> tuple[Review, str]:
    """In the reading child: the conversation the workbook carries, its cell comments and its
    Review sheet's decisions (as ``gcm-collect return`` reads them), and its language."""
    wb = read_export(file)
    return read_review(wb, level=level, reviewer=reviewer), wb.meta.lang


def _keep(scratch: Store, conversation: Conversation, name: str) -> None:
    """Store what the workbook says, except a decision of the reviewer's on a revision they
    have decided on here since (the app's decision replaces the spreadsheet's)."""
    here = {
        (d.submission, d.revision, d.level, d.reviewer)
        for d in scratch.load_conversation().decisions
    }
    decisions = tuple(
        d
        for d in conversation.decisions
        if (d.submission, d.revision, d.level, d.reviewer) not in here
    )
    scratch.save_conversation(Conversation(conversation.comments, decisions), who=name)


def source_of(scratch: Store) -> ReviewSource:
    data = scratch.get_setting(SETTING)
    if not isinstance(data, dict):
        raise UserError(_("not a review of a workbook"), scratch.path)
    return ReviewSource.from_data(data)


def set_level(scratch: Store, level: str) -> ReviewSource:
    """The level of the comments and decisions made from now on (national or regional)."""
    check_level(level)
    check_present(scratch.path)
    source = ReviewSource(**{**source_of(scratch).__dict__, "level": level})
    scratch.set_setting(SETTING, source.to_data())
    return source


def comment(scratch: Store, submission: str, path: str, text: str) -> Comment:
    """The reviewer's comment on one answer (``practices[<id>]/practice_title`` inside an
    entry) of the revision under review, stored at once."""
    text = text.strip()
    if not text:
        raise UserError(_("the comment is empty"))
    try:
        name, _pairs = parse_path(path)
    except ValueError:
        name = ""
    if name not in form_of(scratch, submission):
        raise UserError(_("{path}: not a question of this survey").format(path=path))
    check_present(scratch.path)
    source = source_of(scratch)
    sub = scratch.get_submission(submission)
    made = Comment.new(
        submission, sub.revision, path, source.reviewer, text, scratch.now(), level=source.level
    )
    scratch.save_conversation(Conversation((made,)), who=source.reviewer)
    return made


def decide(scratch: Store, submission: str, code: str, reason: str = "") -> Decision | None:
    """The reviewer's decision on the revision under review: ``approve``, ``return`` or
    ``reject`` (the last two need a reason), or ``""`` to take an earlier one back. Replaces
    the reviewer's earlier decision on it at the same level."""
    reason = reason.strip()
    if code and code not in DECISIONS:
        raise UserError(_("unknown decision {code}").format(code=code))
    if code in NEEDS_REASON and not reason:
        raise UserError(_("a return or a rejection needs a reason"))
    check_present(scratch.path)
    source = source_of(scratch)
    sub = scratch.get_submission(submission)
    with scratch.atomic():
        scratch.forget_decisions(submission, sub.revision, source.level, source.reviewer)
        if not code:
            return None
        made = Decision.new(
            submission,
            sub.revision,
            code,
            reason if code in NEEDS_REASON else "",
            source.level,
            source.reviewer,
            scratch.now(),
        )
        scratch.save_conversation(Conversation(decisions=(made,)), who=source.reviewer)
    return made


def decision_of(scratch: Store, submission: str) -> Decision | None:
    """The reviewer's current decision on the revision under review (at the review's level)."""
    source = source_of(scratch)
    sub = scratch.get_submission(submission)
    mine = [
        d
        for d in scratch.load_conversation([submission]).decisions
        if d.revision == sub.revision and d.level == source.level
    ]
    return max(mine, key=lambda d: (d.at, d.id)) if mine else None


def save_returns(main: Store, scratch: Store, out_dir: Path) -> Returned:
    """Write the return files of this review (``write_returns``: the files and the signing of
    ``gcm-collect return``), signed with the reviewer's key (``main``)."""
    if not out_dir.is_dir():
        raise UserError(_("the folder does not exist"), out_dir)
    source = source_of(scratch)
    about = [
        Reviewed(s.uuid, s.revision, s.state, s.period, s.title) for s in scratch.list_submissions()
    ]
    common = ReturnMeta(
        "", "", source.reviewer, source.level, main.now(), source.lang, source.fingerprint, {}
    )
    result = write_returns(main, about, scratch.load_conversation(), out_dir, common)
    result.problems = [f"{source.workbook}: {line}" for line in source.problems]
    if not result.files:
        result.lines.append(
            _("{file}: no decision and no comment to return").format(file=source.workbook)
        )
    return result


@dataclass(frozen=True)
class Row:
    """One submission as the review window lists it."""

    uuid: str
    state: str
    period: str
    revision: int
    title: str
    decision: Decision | None  # the reviewer's, at the review's level
    threads: int  # comment threads on it (the workbook's and the reviewer's)


def overview(scratch: Store) -> list[Row]:
    """The submissions under review, by State and period, with the reviewer's decision and
    the number of comment threads on each."""
    counts: dict[str, int] = {}
    for thread in threads(scratch.load_conversation()):
        counts[thread.comment.submission] = counts.get(thread.comment.submission, 0) + 1
    return [
        Row(
            s.uuid,
            s.state,
            s.period,
            s.revision,
            s.title,
            decision_of(scratch, s.uuid),
            counts.get(s.uuid, 0),
        )
        for s in scratch.list_submissions(order_by="state", descending=False)
    ]
