"""Everything a reviewed workbook says about the review: the conversation it carries (hidden,
verified), the comments on its cells and the decisions on its Review sheet, as one
conversation, with one line for each thing that could not be taken.

Who wrote a note without an author, and when a decision was typed, come from the file's own
properties (``docProps/core.xml``: last saved by, when), so reading the same file twice gives
the same events, and consolidating it again adds nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from gcm_collect.conversation import REGIONAL, Conversation, merge
from gcm_collect.workbook.comments import Unplaced, read_comments
from gcm_collect.workbook.model import ExportedWorkbook
from gcm_collect.workbook.reviewsheet import read_decisions

_CORE = "docProps/core.xml"
_MAX_CORE = 1024**2


def saved(archive: zipfile.ZipFile) -> tuple[str, str]:
    """(last saved by, when: ISO 8601) from the file's core properties ("" when not said)."""
    try:
        info = archive.getinfo(_CORE)
        if info.file_size > _MAX_CORE:
            return "", ""
        root = fromstring(archive.read(_CORE))
    except (KeyError, zipfile.BadZipFile, OSError, DefusedXmlException, ParseError):
        return "", ""
    by = when = ""
    for element in root:
        name = element.tag.rsplit("}", 1)[-1]
        if name == "lastModifiedBy":
            by = (element.text or "").strip()
        elif name == "modified":
            when = (element.text or "").strip()
    return by, when


@dataclass(frozen=True)
class Review:
    conversation: Conversation = field(default_factory=Conversation)
    problems: tuple[str, ...] = ()  # one line each, without the file name
    unplaced: tuple[Unplaced, ...] = ()  # comments on no answer, reported with their text


def read_review(
    wb: ExportedWorkbook,
    *,
    level: str = REGIONAL,
    reviewer: str = "",
    archive: zipfile.ZipFile | None = None,
) -> Review:
    """The workbook's review: what it carries, and what its reviewer added to it.

    ``reviewer`` names who decided and who wrote a note without an author (default: whoever
    last saved the file). ``archive``: the file already open (consolidation opens each input
    once); else it is opened here, once.
    """
    if archive is None:
        with zipfile.ZipFile(wb.path) as opened_here:
            return read_review(wb, level=level, reviewer=reviewer, archive=opened_here)
    by, when = saved(archive)
    who = reviewer or by
    comments = read_comments(wb, level=level, reviewer=who, archive=archive)
    decisions = read_decisions(
        wb,
        level=level,
        reviewer=who,
        at=when or wb.meta.exported_at,
        carried=wb.conversation,
        archive=archive,
    )
    conversation = merge(
        wb.conversation, comments.conversation, Conversation(decisions=decisions.decisions)
    )
    return Review(
        conversation,
        (*comments.problems, *decisions.problems),
        comments.unplaced,
    )
