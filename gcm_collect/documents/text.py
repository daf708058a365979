"""Texts the documents share: UN texts marked when they are working translations, State names
with their footnote mark, commission names."""

from __future__ import annotations

from gcm_collect import reference
from gcm_collect.documents.model import Note
from gcm_collect.i18n import _

MISSING = "\u2014"  # an empty table cell reads as a dash, not as a forgotten column


def marked(text: str, official: bool) -> str:
    """``text``, said to be a working translation when it is not the UN's wording."""
    return text if official else _(reference.WORKING_TRANSLATION).format(title=text)


def objective_title(number: int, lang: str) -> str:
    """ "5. Enhance availability and flexibility of pathways…", marked when not official."""
    obj = reference.objective(number)
    return f"{number}. " + marked(obj.title(lang), obj.is_official(lang))


def cluster_title(number: int, lang: str) -> str | None:
    for cluster in reference.clusters():
        if cluster.id == number:
            return marked(cluster.title(lang), cluster.is_official(lang))
    return None


def commission_name(code: str, lang: str) -> str:
    for commission in reference.commissions():
        if commission.code == code:
            name = marked(commission.name(lang), commission.is_official(lang))
            return f"{name} ({code})"
    return code


def state_name(iso3: str, lang: str) -> str:
    """The UN name with its footnote mark ("Kosovo*"), marked when a working text."""
    name = marked(reference.state_name(iso3, lang), reference.state_name_is_official(iso3, lang))
    note = reference.state_footnote(iso3)
    return f"{name}{note.mark}" if note is not None else name


def state_footnote(iso3: str, lang: str) -> str | None:
    """The footnote printed where the State is named (Kosovo), or None."""
    return reference.footnote_line(iso3, lang, _)


def state_note(iso3: str, lang: str) -> Note | None:
    """The State's footnote (Kosovo's) as a note on the cell naming it, with its own mark."""
    line = state_footnote(iso3, lang)
    note = reference.state_footnote(iso3)
    if line is None or note is None:
        return None
    return Note(line.removeprefix(note.mark), note.mark)
