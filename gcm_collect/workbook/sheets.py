"""The explanatory sheets of a reviewer workbook: the cover and the codebook.

Texts are marked with ``N_`` and translated with ``tr`` into the export language (which need not
be the app's current language).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from babel import Locale

from gcm_collect.forms.model import NOTE, Form, Question
from gcm_collect.i18n import N_
from gcm_collect.workbook.model import ExportMeta
from gcm_collect.workbook.render import utc_moment

Translate = Callable[[str], str]

_SELECTED = re.compile(r"selected\(\s*\$\{(\w+)\}\s*,\s*'([^']*)'\s*\)")
_COMPARE = re.compile(r"\$\{(\w+)\}\s*(!=|=)\s*'([^']*)'")
_REF = re.compile(r"\$\{(\w+)\}")


def language_name(lang: str) -> str:
    """The export language named in itself (``français``), as CLDR spells it."""
    try:
        return Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, TypeError):
        return lang


def footnote_rows(meta: ExportMeta) -> list[list[Any]]:
    """The footnotes of the States the workbook names ("*References to Kosovo shall be ..."),
    for its cover: a blank row, then one paragraph each; none when no State has one."""
    lines = [line for line in meta.labels.get("footnote", {}).values() if line]
    return [[], *([line] for line in lines)] if lines else []


def cover_rows(
    meta: ExportMeta,
    *,
    fingerprint: str,
    forms: Sequence[Form],
    by_status: Mapping[str, int],
    total: int,
    tr: Translate,
    signed_by: str = "",
) -> list[list[Any]]:
    lang = meta.lang
    status_labels = meta.labels.get("status", {})
    rows: list[list[Any]] = [
        [tr(N_("GCM Collect: reviewer workbook"))],
        [
            tr(
                N_(
                    "State-level survey submissions on practices implementing the Global Compact "
                    "for Safe, Orderly and Regular Migration (GCM), exported for review."
                )
            )
        ],
        [],
        [tr(N_("Exported by")), meta.officer or tr(N_("(not set)"))],
        [tr(N_("Device")), meta.device_id],
        [tr(N_("Exported at (UTC)")), utc_moment(meta.exported_at)],
        [tr(N_("Export language")), language_name(lang)],
    ]
    for form in forms:
        rows.append([tr(N_("Form")), f"{form.label(lang)[0]} ({form.form_id}, {form.version})"])
    states = meta.filters.get("states") or []
    statuses = meta.filters.get("statuses") or []
    if states:
        rows.append([tr(N_("Only States")), ", ".join(states)])
    if statuses:
        rows.append([tr(N_("Only statuses")), ", ".join(status_labels.get(s, s) for s in statuses)])
    rows.append([tr(N_("Submissions")), total])
    for status, count in by_status.items():
        rows.append([f"  {status_labels.get(status, status)}", count])
    rows.append([tr(N_("Fingerprint (SHA-256)")), fingerprint])
    if signed_by:
        rows.append([tr(N_("Signed with the key")), signed_by])
    rows += footnote_rows(meta)
    rows += [
        [],
        [tr(N_("How to read this workbook"))],
    ]
    for plan in meta.sheets:
        if plan.role == "cover":
            continue
        rows.append([plan.name, role_help(plan.role, tr)])
    rows += [
        [],
        [
            tr(
                N_(
                    "In every data sheet, row 1 holds the labels in the export language and row 2 "
                    "the stable column names, which never change with the language: use them in "
                    'formulas, e.g. =MATCH("obj01_priority", 2:2, 0).'
                )
            )
        ],
        [
            tr(
                N_(
                    "Choice questions have a code column and a label column (name:label); "
                    "multiple-choice questions also have one 0/1 column per choice (name/choice)."
                )
            )
        ],
        [
            tr(
                N_(
                    "Entries of a repeated section have their own sheet: _parent_index is the No. "
                    "(_index) of the row they belong to, for VLOOKUP or INDEX/MATCH."
                )
            )
        ],
        [
            tr(
                N_(
                    "Hidden sheets hold the machine-readable data with checksums. Do not edit "
                    "them; any change to a visible data cell is detected on import and "
                    "consolidation."
                )
            )
        ],
        [
            tr(
                N_(
                    "Answers to questions that do not apply (skipped by the form's logic) are not "
                    "shown."
                )
            )
        ],
    ]
    return rows


def role_help(role: str, tr: Translate, more: Mapping[str, str] | None = None) -> str:
    """What a sheet of ``role`` holds, for the cover ("" for a role without a text: never
    ``tr("")``, which is the catalog's header)."""
    text = {**_ROLE_HELP, **(more or {})}.get(role.split(":")[0])
    return tr(text) if text else ""


_ROLE_HELP = {
    "pairs": N_(
        "One row per entry and each GCM objective or guiding principle it names, for pivot tables."
    ),
    "submissions": N_("One row per submission, with its answers."),
    "repeat": N_("One row per entry of a repeated section."),
    "objectives": N_(
        "One row per State and GCM objective answered (priority, status, measures, principles), "
        "for pivot tables."
    ),
    "codebook": N_("Every question: name, labels, type, whether required, when shown, choices."),
    "review": N_(
        "One row per submission: choose approve, return or reject, and give the reason to "
        "return or reject. Comments on answer cells are read as questions to the officer."
    ),
}

CODEBOOK_HEADER = [
    ("form", N_("Form version")),
    ("name", N_("Question name")),
    ("label", N_("Label")),
    ("label_en", N_("Label (English)")),
    ("type", N_("Type")),
    ("required", N_("Required")),
    ("relevance", N_("Shown when")),
    ("choice", N_("Choice code")),
    ("choice:label", N_("Choice label")),
    ("choice:label_en", N_("Choice label (English)")),
]


def plain_words(source: str, form: Form, lang: str, tr: Translate) -> str:
    """An XLSForm expression made readable: question labels instead of ``${names}``."""

    def label(name: str) -> str:
        try:
            return form.item(name).label(lang)[0] or name
        except KeyError:
            return name

    def choice(name: str, code: str) -> str:
        try:
            q = form.question(name)
        except KeyError:
            return code
        for c in form.choices_for(q):
            if c.name == code:
                return c.label(lang)[0] or code
        return code

    text = _SELECTED.sub(
        lambda m: tr(N_("“{question}” includes “{choice}”")).format(
            question=label(m[1]), choice=choice(m[1], m[2])
        ),
        source,
    )
    text = _COMPARE.sub(
        lambda m: (
            tr(N_("“{question}” is “{choice}”"))
            if m[2] == "="
            else tr(N_("“{question}” is not “{choice}”"))
        ).format(question=label(m[1]), choice=choice(m[1], m[3])),
        text,
    )
    text = _REF.sub(lambda m: f"“{label(m[1])}”", text)
    return text.replace(" and ", f" {tr(N_('and'))} ").replace(" or ", f" {tr(N_('or'))} ")


def codebook_rows(forms: Sequence[Form], lang: str, tr: Translate) -> list[list[Any]]:
    rows: list[list[Any]] = []
    yes = tr(N_("yes"))
    for form in forms:
        for q in form.questions():
            if q.type == NOTE:
                continue
            rows.append(_question_row(form, q, lang, tr, yes))
            for c in form.choices_for(q):
                rows.append(
                    [
                        form.version,
                        q.name,
                        None,
                        None,
                        None,
                        None,
                        None,
                        c.name,
                        c.label(lang)[0],
                        c.label("en")[0],
                    ]
                )
    return rows


def _question_row(form: Form, q: Question, lang: str, tr: Translate, yes: str) -> list[Any]:
    qtype = f"{q.type} {q.list_name}" if q.list_name else q.type
    if q.parameters:  # a range's bounds: start=0 end=10 step=1
        qtype += " " + " ".join(f"{k}={v}" for k, v in q.parameters)
    required = ""
    if q.required is not None:
        src = q.required.source.strip()
        required = yes if src in ("yes", "true()", "true") else plain_words(src, form, lang, tr)
    relevance = []
    node: Any = q
    while node is not None:  # a question is shown when it and every group around it are
        if node.relevant is not None:
            relevance.append(plain_words(node.relevant.source, form, lang, tr))
        node = form.parent(node.name)
    return [
        form.version,
        q.name,
        q.label(lang)[0],
        q.label("en")[0],
        qtype,
        required,
        f" {tr(N_('and'))} ".join(reversed(relevance)),
        None,
        None,
        None,
    ]
