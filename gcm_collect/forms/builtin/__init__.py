"""The built-in *GCM State Practice Survey*, kept as XLSForm sheets in CSV files.

``survey.csv``, ``choices.csv`` and ``settings.csv`` hold the form in English, so a revision is a
readable diff. Two kinds of text are added here, not in the CSV files:

- the lists that come from the reference data (States, commissions, objectives, principles,
  stakeholder types, COVID-19 practices) and the objective and cluster group labels, in the six
  languages, from ``gcm_collect.reference`` (their wording must match the UN text, so they are
  data, not gettext strings);
- the other five languages of everything else, from the gettext ``forms`` catalogs, through
  :func:`translate_sheets` (the caller passes the translator).

Earlier versions stay in sub-packages (``v2026_1/``) with their own three CSV files, unchanged:
submissions name the version they were made with, and must open, export and consolidate with it
on a laptop that never stored its definition. They are built the same way (reference lists and
catalogs of today), so only their questions are frozen.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from functools import cache, partial
from importlib.resources import files
from typing import TYPE_CHECKING

from gcm_collect import reference as ref
from gcm_collect.i18n import N_
from gcm_collect.vocabulary import DEFAULT_LANGUAGE, ENGLISH_NAMES, LANGUAGES

if TYPE_CHECKING:
    from gcm_collect.forms.model import Form

Rows = list[dict[str, str]]
Sheets = dict[str, Rows]
Translate = Callable[[str, str], "str | None"]

SHEETS = ("survey", "choices", "settings")
OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# Columns whose text is shown to people (the settings sheet: form_title).
TRANSLATABLE = ("label", "hint", "required_message", "constraint_message", "form_title")
SOURCE = "builtin:gcm_state_practice_survey"
FORM_ID = "gcm_state_practice_survey"
# Earlier versions of the built-in survey -> the sub-package keeping their sheets.
PREVIOUS_VERSIONS = {"2026.1": "v2026_1"}
# Marks an objective or principle title that is not the official UN text (yet).
WORKING_TEXT = N_("{title} (working translation, not official)")
# An SDG target, by number only (the domain data hold no titles of targets).
SDG_TARGET = N_("Target {target}")


def column(base: str, lang: str) -> str:
    """The XLSForm column of ``base`` in ``lang``: ``label::French (fr)``."""
    return f"{base}::{ENGLISH_NAMES[lang]} ({lang})"


def _read(name: str, version: str | None = None) -> Rows:
    folder = files(__package__)
    if version is not None and version in PREVIOUS_VERSIONS:
        folder = folder / PREVIOUS_VERSIONS[version]
    # Read as bytes, decoded here: newline="" (csv's rule) is not an option of every resource
    # reader's open().
    text = (folder / f"{name}.csv").read_bytes().decode("utf-8")
    return [dict(row) for row in csv.DictReader(io.StringIO(text, newline=""))]


def current_version() -> str:
    """The version of the survey new submissions are made with."""
    return _read("settings")[0]["version"]


def builtin_versions() -> tuple[str, ...]:
    """Every version of the built-in survey this app can open, the current one first."""
    return (current_version(), *PREVIOUS_VERSIONS)


def version_of(path: str) -> str | None:
    """The previous version whose sheet ``path`` is (None: the current survey's)."""
    parts = path.replace("\\", "/").split("/")
    for version, folder in PREVIOUS_VERSIONS.items():
        if folder in parts:
            return version
    return None


def _with_languages(row: dict[str, str], texts: Callable[[str], str]) -> dict[str, str]:
    """``row`` with ``label`` in English and ``label::…`` in the five other languages."""
    out = dict(row, label=texts(DEFAULT_LANGUAGE))
    for lang in OTHER_LANGUAGES:
        out[column("label", lang)] = texts(lang)
    return out


def _marked(text: str, official: bool, lang: str) -> str:
    """An official UN text as it is; a working text says so, in its own language."""
    if official:
        return text
    return _message(lang, WORKING_TEXT).format(title=text)


def _message(lang: str, msgid: str) -> str:
    from gcm_collect.i18n.catalogs import load_catalog

    return load_catalog(lang, "messages").gettext(msgid)


def _official(item, text: Callable[[str], str]) -> Callable[[str], str]:
    return lambda lang: _marked(text(lang), item.is_official(lang), lang)


def _commission_label(commission: ref.Commission, lang: str) -> str:
    return f"{commission.code}: {commission.name(lang)}"


def _objective_label(objective: ref.Objective, lang: str) -> str:
    return f"{objective.id}. {objective.title(lang)}"


def _cluster_label(cluster: ref.Cluster, lang: str) -> str:
    return f"D{cluster.id}. {cluster.title(lang)}"


def _sdg_target_label(target: ref.SdgTarget, lang: str) -> str:
    return _message(lang, SDG_TARGET).format(target=target.target)


def _reference_choices() -> Rows:
    rows: Rows = []
    for s in ref.states():
        base = {"list_name": "states", "name": s.iso3}
        # The UN name, with the footnote's mark for Kosovo (the note below gives the footnote).
        rows.append(_with_languages(base, partial(ref.state_label, s.iso3)))
    for c in ref.commissions():
        # who may choose this review: its commission's members and the others taking part
        members = " ".join(s.iso3 for s in ref.review_participants(c.code))
        base = {"list_name": "commissions", "name": c.code, "members": members}
        rows.append(_with_languages(base, partial(_commission_label, c)))
    for o in ref.objectives():
        base = {"list_name": "objectives", "name": str(o.id), "cluster": str(o.cluster)}
        rows.append(_with_languages(base, _official(o, partial(_objective_label, o))))
    for p in ref.principles():
        base = {"list_name": "principles", "name": p.key}
        rows.append(_with_languages(base, _official(p, p.label)))
    for t in ref.stakeholder_types():
        rows.append(_with_languages({"list_name": "stakeholder_types", "name": t.key}, t.label))
    for cp in ref.covid_practices():
        base = {"list_name": "covid_practices", "name": cp.key}
        rows.append(_with_languages(base, cp.label))
    for target in ref.sdg_targets():
        base = {"list_name": "sdg_targets", "name": target.target}
        rows.append(_with_languages(base, partial(_sdg_target_label, target)))
    return rows


def _reference_group_labels(survey: Rows) -> Rows:
    """Objective and cluster group labels, and the Kosovo footnote shown when Kosovo reports,
    in the six languages, from the reference data."""
    kosovo = ref.state_footnote(ref.KOSOVO_ISO3)
    assert kosovo is not None  # reference data, checked by its tests
    texts: dict[str, Callable[[str], str]] = {"kosovo_note": _official(kosovo, kosovo.text)}
    for o in ref.objectives():
        texts[f"obj{o.id:02d}"] = _official(o, partial(_objective_label, o))
    for c in ref.clusters():  # the IMRF round tables, numbered inside section D
        texts[f"cluster{c.id}"] = partial(_cluster_label, c)
    return [
        _with_languages(row, texts[row["name"]])
        if row["type"] in ("begin_group", "note") and row["name"] in texts
        else row
        for row in survey
    ]


def _rectangular(rows: Rows) -> Rows:
    """Every row with every column of the sheet (missing cells empty), in first-seen order."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return [{c: row.get(c, "") for c in columns} for row in rows]


def builtin_sheets(version: str | None = None) -> Sheets:
    """The survey's sheets as rows (header -> cell text), reference lists included.

    ``version``: one of :data:`PREVIOUS_VERSIONS`; None (or the current version) is today's.
    """
    survey = _reference_group_labels(_read("survey", version))
    choices = _read("choices", version) + _reference_choices()
    return {
        "survey": _rectangular(survey),
        "choices": _rectangular(choices),
        "settings": _read("settings", version),
    }


def translatable_texts(sheets: Sheets) -> Iterator[tuple[str, int, str, str]]:
    """(sheet, row index, column, English text) of every text still missing a translation.

    Texts that already carry all six languages (the reference data) are left out, so the
    ``forms`` catalog holds only the form's own wording.
    """
    for sheet in SHEETS:
        for i, row in enumerate(sheets.get(sheet, ())):
            for col in TRANSLATABLE:
                text = row.get(col, "")
                if text and not all(row.get(column(col, lang)) for lang in OTHER_LANGUAGES):
                    yield sheet, i, col, text


def translate_sheets(sheets: Sheets, translate: Translate) -> Sheets:
    """A copy of ``sheets`` with ``col::Language (xx)`` cells filled by ``translate(lang, msgid)``.

    ``translate`` returns the translation (which may equal the English text), or ``None``;
    then the cell stays empty and the form falls back to English for it.
    """
    out = {name: [dict(row) for row in rows] for name, rows in sheets.items()}
    for sheet, i, col, text in translatable_texts(sheets):
        row = out[sheet][i]
        for lang in OTHER_LANGUAGES:
            key = column(col, lang)
            if row.get(key):
                continue
            translated = translate(lang, text)
            if translated:  # may equal the English text: still a translation
                row[key] = translated
    return {name: _rectangular(rows) for name, rows in out.items()}


def load_builtin(translate: Translate | None = None, version: str | None = None) -> Form:
    """Parse the built-in survey with the XLSForm engine (optionally with translations)."""
    from gcm_collect.forms.sheets import form_from_sheets

    sheets = builtin_sheets(version)
    if translate is not None:
        sheets = translate_sheets(sheets, translate)
    return form_from_sheets(sheets, SOURCE)


def catalog_translate(lang: str, msgid: str) -> str | None:
    """The ``forms`` gettext catalog's translation of ``msgid``, or None when it has none."""
    from gcm_collect.i18n.catalogs import load_catalog

    # A translation may equal the English text ("Notes", language names): look the entry up
    # rather than compare, so only a missing entry falls back.
    return getattr(load_catalog(lang, "forms"), "_catalog", {}).get(msgid) or None


@cache
def builtin_form(version: str | None = None) -> Form:
    """The built-in survey in all six languages (form text from the ``forms`` catalogs).

    ``version``: an earlier version kept for its submissions (:data:`PREVIOUS_VERSIONS`);
    None is the current survey. KeyError for a version this app never shipped.
    """
    if version is not None and version != current_version() and version not in PREVIOUS_VERSIONS:
        raise KeyError(version)
    return load_builtin(catalog_translate, None if version == current_version() else version)
