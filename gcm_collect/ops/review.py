"""The review loop's two actions: the reviewer returns a reviewed workbook (one signed return
file per State and period), and the officer imports a return file (review states, comments).

Importing is all or nothing: a file naming a submission this database does not hold changes
nothing. A decision on a revision that was revised since is kept as history and said so; on the
current revision it sets its review state: approved (locked), returned (a finalized revision is
reopened as a new draft to revise) or rejected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from gcm_collect.conversation import (
    APPROVE,
    LEVEL_LABELS,
    LEVELS,
    REGIONAL,
    REPLY,
    RESOLVE,
    RETURN,
    STATE_LABELS,
    Comment,
    Conversation,
    Decision,
    Thread,
    latest,
    threads,
)
from gcm_collect.errors import UserError
from gcm_collect.i18n import _, ngettext
from gcm_collect.ops.changes import REVIEWED, Changed
from gcm_collect.ops.forms import who
from gcm_collect.ops.keys import officer, signing_key
from gcm_collect.store import Store
from gcm_collect.workbook.layout import translator_for
from gcm_collect.workbook.reader import read_export
from gcm_collect.workbook.returnfile import (
    ReturnFile,
    ReturnMeta,
    file_name,
    read_return,
    write_return,
)
from gcm_collect.workbook.reviewed import read_review
from gcm_collect.workbook.signing import Signature


@dataclass
class Returned:
    """What ``return_reviews`` wrote: one line per file, and one per thing not taken."""

    files: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reviewed:
    """One submission of the reviewed workbook, as the return files group and name it."""

    uuid: str
    revision: int
    state: str
    period: str
    title: str


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise UserError(
            _("unknown level {level}; use one of {levels}").format(
                level=level, levels=", ".join(LEVELS)
            )
        )


def return_reviews(
    store: Store,
    reviewed: Path,
    out_dir: Path,
    *,
    reviewer: str | None = None,
    level: str = REGIONAL,
) -> Returned:
    """Read a reviewed workbook (export or regional) and write, per State and period whose
    submissions have a decision or a comment, ``<ISO3>-<period>-review.xlsx`` in ``out_dir``,
    signed with this installation's key."""
    check_level(level)
    if not out_dir.is_dir():
        raise UserError(_("the folder does not exist"), out_dir)
    wb = read_export(reviewed)
    name = reviewer or officer(store)
    review = read_review(wb, level=level, reviewer=name)
    about = [
        Reviewed(
            record.uuid,
            record.revision,
            str(record.data.get("state")),
            str(record.data.get("period")),
            str(record.data.get("title") or ""),
        )
        for record in wb.records
    ]
    result = write_returns(
        store,
        about,
        review.conversation,
        out_dir,
        ReturnMeta("", "", name, level, store.now(), wb.meta.lang, wb.fingerprint, {}),
    )
    result.problems = [f"{reviewed}: {line}" for line in review.problems]
    if not result.files:
        result.lines.append(_("{file}: no decision and no comment to return").format(file=reviewed))
    return result


def write_returns(
    store: Store,
    about: list[Reviewed],
    conversation: Conversation,
    out_dir: Path,
    common: ReturnMeta,
) -> Returned:
    """One return file per State and period of ``about`` that ``conversation`` says something
    about, signed with this installation's key: what ``gcm-collect return`` and the app's
    review window both write. ``common``: reviewer, level, time, language and the reviewed
    workbook's fingerprint (its State, period and submissions are filled in per file)."""
    groups: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for sub in about:
        groups[(sub.state, sub.period)][sub.uuid] = sub.revision
        titles[sub.uuid] = sub.title
    tr = translator_for(common.lang)
    signing = signing_key(store)
    result = Returned()
    for (state, period), submissions in sorted(groups.items()):
        said = conversation.for_submissions(submissions)
        if not said:
            continue
        target = out_dir / file_name(state, period)
        meta = replace(common, state=state, period=period, submissions=submissions)
        write_return(target, meta, said, titles, tr, signing)
        result.files.append(target)
        result.lines.append(
            _("{file}: decisions: {decisions}, comments: {comments}").format(
                file=target, decisions=len(said.decisions), comments=len(said.comments)
            )
        )
    return result


@dataclass
class ReturnImport:
    """What importing a return file did, one line per submission it named."""

    path: Path
    signature: Signature  # the file's, verified; whose key it was is for the register to say
    lines: list[str] = field(default_factory=list)
    comments: int = 0  # new comment events stored
    decisions: int = 0  # new decisions stored
    reopened: list[str] = field(default_factory=list)  # new revisions opened to revise


def import_return(store: Store, path: Path) -> ReturnImport:
    """Take a return file: store its conversation and set each named revision's review state.
    UserError (nothing changed) when it is not valid or names a submission not held here."""
    rf = read_return(path)
    unknown = sorted(u for u in rf.meta.submissions if not store.has_submission(u))
    if unknown:
        raise UserError(
            ngettext(
                "names {count} submission this database does not hold ({first}); nothing "
                "was imported",
                "names {count} submissions this database does not hold (first: {first}); "
                "nothing was imported",
                len(unknown),
            ).format(count=len(unknown), first=unknown[0]),
            rf.path,
        )
    _check_revisions(store, rf)
    author = who(store)
    report = ReturnImport(rf.path, rf.signature)
    with store.atomic():
        new = store.save_conversation(rf.conversation, who=author)
        report.comments, report.decisions = len(new.comments), len(new.decisions)
        for uuid in sorted(rf.meta.submissions):
            decision = latest(rf.conversation, uuid, rf.meta.level)
            report.lines.append(_apply(store, uuid, decision, author, report))
    return report


def _check_revisions(store: Store, rf: ReturnFile) -> None:
    """UserError (nothing imported) when the file says a submission is another revision than
    the one this database holds under its UUID: a hand-made file could otherwise approve, and
    lock, a revision nobody reviewed."""
    named = {
        *rf.meta.submissions.items(),
        *((d.submission, d.revision) for d in rf.conversation.decisions),
    }
    for uuid, revision in sorted(named):
        held = store.get_submission(uuid).revision
        if held != revision:
            raise UserError(
                _(
                    "names revision {revision} of submission {uuid}, which is revision {held} "
                    "in this database; nothing was imported"
                ).format(revision=revision, uuid=uuid, held=held),
                rf.path,
            )


def _apply(
    store: Store,
    uuid: str,
    decision: Decision | None,
    author: str,
    report: ReturnImport,
) -> str:
    sub = store.get_submission(uuid)
    newer = store.revised_by(uuid)
    if decision is None:
        return _("submission {uuid}: comments only").format(uuid=uuid)
    current = store.review_state_of(uuid)
    if current is not None and current[1].id == decision.id:  # the same file again
        return _("submission {uuid}: already {state}").format(
            uuid=uuid, state=_(STATE_LABELS[current[0]])
        )
    if newer is not None:
        return _(
            "submission {uuid}: revision {revision} was reviewed, but revision {newer} is "
            "newer; the review is kept as history"
        ).format(uuid=uuid, revision=sub.revision, newer=newer[1])
    if current is not None and current[0] == "approved":
        return _(
            "submission {uuid}: already approved; the later decision is kept as history"
        ).format(uuid=uuid)
    store.set_review_state(uuid, decision, who=author)
    if decision.code == APPROVE:
        return _("submission {uuid}: approved by {reviewer} ({level})").format(
            uuid=uuid, reviewer=decision.reviewer, level=_(LEVEL_LABELS[decision.level])
        )
    if decision.code == RETURN:
        if sub.status == "finalized" and not sub.deleted:
            opened = store.new_revision(uuid, who=author)
            report.reopened.append(opened)
            return _(
                "submission {uuid}: returned ({reason}); revision {revision} opened to revise"
            ).format(uuid=uuid, reason=decision.reason, revision=sub.revision + 1)
        return _("submission {uuid}: returned ({reason})").format(uuid=uuid, reason=decision.reason)
    return _("submission {uuid}: rejected ({reason})").format(uuid=uuid, reason=decision.reason)


def reply(store: Store, comment: Comment, text: str, *, resolve: bool = False) -> Conversation:
    """The officer's reply to a reviewer's comment (and, with ``resolve``, the thread marked
    resolved), stored, audited and carried by the next export. Returns what was new."""
    text = text.strip()
    if not text and not resolve:
        raise UserError(_("the reply is empty"))
    author = who(store)
    at = store.now()
    said = ([(REPLY, text)] if text else []) + ([(RESOLVE, "")] if resolve else [])
    events = [
        Comment.new(
            comment.submission,
            comment.revision,
            comment.path,
            author,
            body,
            at,
            level=comment.level,
            kind=kind,
            reply_to=comment.thread,
        )
        for kind, body in said
    ]
    return store.save_conversation(Conversation(tuple(events)), who=author)


def reply_to(store: Store, comment: Comment, text: str, *, resolve: bool = False) -> Changed:
    """``reply`` as the app calls it: what changed is the submission commented on and its
    latest revision (whose list row and form show the threads of the revisions it revises)."""
    reply(store, comment, text, resolve=resolve)
    newest = comment.submission
    seen = {newest}
    while (after := store.revised_by(newest)) is not None and after[0] not in seen:
        newest = after[0]
        seen.add(newest)
    return Changed(REVIEWED, newest, source=comment.submission)


def threads_of(store: Store, submission: str) -> list[Thread]:
    """The review threads about a submission and the revisions it revises (a returned
    survey's comments are answered in its new revision), oldest first."""
    named = {submission}
    step = submission
    while True:
        sub = store.get_submission(step)
        if not sub.revises or sub.revises in named or not store.has_submission(sub.revises):
            break
        named.add(sub.revises)
        step = sub.revises
    return threads(store.load_conversation(named))


def review_state_of(store: Store, submission: str) -> tuple[str, Decision] | None:
    """The review state shown for a revision: its own, or, for the revision that revises a
    returned one, that return (the reason is what the officer revises for)."""
    own = store.review_state_of(submission)
    if own is not None:
        return own
    sub = store.get_submission(submission)
    if sub.revises and store.has_submission(sub.revises):
        before = store.review_state_of(sub.revises)
        if before is not None and before[0] == "returned":
            return before
    return None
