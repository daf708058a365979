"""Practices for the Migration Network Hub's Repository of Practices: each practice in the
record fields the domain notes give (gcm-reference.md §3.2), with the Hub's published
eligibility checklist (§3.1) checked per practice, and what fails said in the user's language.

Only criteria stated in the domain data or in issue 21 are checked. The Hub's Word template
was not available, so the field list is the project's proposed schema: the workbook says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gcm_collect.documents.text import state_name
from gcm_collect.forms.model import Form
from gcm_collect.forms.paths import make_path
from gcm_collect.i18n import N_, _, ngettext
from gcm_collect.workbook.cells import text_cell

PRACTICES = "practices"
GCM_IN_FORCE = "2019-01-01"  # "implemented after December 2018"
DONE = ("completed", "mostly_completed")
ONGOING = "ongoing"
SUMMARY_WORDS = 150  # "short summary (≈100–150 words)", gcm-reference.md §3.2 (not verified)
# An acronym: two or more capitals (Latin or Cyrillic), possibly with digits ("UNHCR", "ЕАЭС").
ACRONYM = re.compile(r"\b[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,9}\b")
NO_SPACES = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # written without spaces

# (field, question): the Hub record's fields in the order of the domain notes' schema.
FIELDS: tuple[tuple[str, str], ...] = (
    (N_("Title"), "practice_title"),
    (N_("Short summary"), "practice_summary"),
    (N_("Main implementer"), "practice_implementer"),
    (N_("Focal point of the main implementer"), "practice_focal_point"),
    (N_("Other implementers and partners"), "practice_partners"),
    (N_("Types of partners"), "practice_partner_types"),
    (N_("Countries of implementation"), "practice_countries"),
    (N_("Hub regions"), "practice_hub_regions"),
    (N_("Level"), "practice_level"),
    (N_("GCM objectives"), "practice_objectives"),
    (N_("Main GCM objective"), "practice_primary_objective"),
    (N_("GCM guiding principles"), "practice_principles"),
    (N_("How the practice follows the guiding principles"), "practice_principles_how"),
    (N_("Type of practice"), "practice_type"),
    (N_("Start"), "practice_start"),
    (N_("End"), "practice_end"),
    (N_("Status"), "practice_status"),
    (N_("Background"), "practice_background"),
    (N_("Activities"), "practice_activities"),
    (N_("Target groups"), "practice_target_groups"),
    (N_("Beneficiaries"), "practice_beneficiaries"),
    (N_("Results and evidence"), "practice_results"),
    (N_("Challenges"), "practice_challenges"),
    (N_("Lessons learned and recommendations"), "practice_lessons"),
    (N_("Innovation"), "practice_innovation"),
    (N_("Replicability and sustainability"), "practice_replicability"),
    (N_("Budget (USD)"), "practice_budget"),
    (N_("Funding"), "practice_funding"),
    (N_("SDG targets"), "practice_sdg_targets"),
    (N_("Related to COVID-19"), "practice_covid"),
    (N_("Links"), "practice_links"),
    (N_("Consent to publish on the Hub"), "practice_hub_consent"),
    (N_("Resource languages"), "practice_resource_languages"),
)


@dataclass(frozen=True)
class Verdict:
    criterion: str  # translated
    passed: bool
    why: str  # translated; "" when passed


@dataclass(frozen=True)
class HubPractice:
    state: str  # ISO3
    period: str
    revision: int
    uuid: str
    number: int
    values: tuple[str, ...]  # FIELDS' answers in words
    verdicts: tuple[Verdict, ...]

    @property
    def passed(self) -> bool:
        return all(v.passed for v in self.verdicts)


def acronyms_unexplained(text: str) -> list[str]:
    """Acronyms of ``text`` never spelled out: "(IOM)" after its words, or "IOM (" before
    them, spells one out."""
    found = dict.fromkeys(ACRONYM.findall(text))
    return [a for a in found if f"({a})" not in text and f"{a} (" not in text]


def summary_words(text: str) -> int:
    """Words of a summary; in Chinese, Japanese and Korean, characters count as words."""
    return len(NO_SPACES.sub(" ", text).split()) + len(NO_SPACES.findall(text))


def check(value: Callable[[str], Any], text: Callable[[str], str]) -> tuple[Verdict, ...]:
    """The Hub's checklist on one practice. ``value(question)`` is the raw answer, ``text``
    the answer in words."""
    out = []

    def verdict(criterion: str, failures: list[str]) -> None:
        out.append(Verdict(_(criterion), not failures, "; ".join(failures)))

    verdict(
        N_("Relates to GCM objectives"),
        [] if value("practice_objectives") else [_("no GCM objective is given")],
    )
    principles = []
    if not value("practice_principles"):
        principles.append(_("no guiding principle is given"))
    if not text("practice_principles_how"):
        principles.append(_("how the practice follows them is not described"))
    verdict(N_("Follows the guiding principles"), principles)
    start = str(value("practice_start") or "")
    verdict(
        N_("Implemented after December 2018"),
        []
        if start >= GCM_IN_FORCE
        else [_("no start date")]
        if not start
        else [_("started on {date}, before 2019").format(date=text("practice_start"))],
    )
    status = value("practice_status")
    completed = []
    if status == ONGOING and not text("practice_results"):
        completed.append(_("ongoing, and no results are described yet"))
    elif status not in (*DONE, ONGOING):
        completed.append(_("its status is not given"))
    verdict(N_("Completed, mostly completed, or ongoing with results"), completed)
    focal = []
    if not text("practice_implementer"):
        focal.append(_("the main implementer is not named"))
    if not text("practice_focal_point"):
        focal.append(_("no focal point of the main implementer is given"))
    verdict(N_("Main implementer and its focal point"), focal)
    written = " ".join(text(q) for _f, q in FIELDS if q.startswith("practice_"))
    unexplained = acronyms_unexplained(written)
    verdict(
        N_("Acronyms spelled out"),
        [_("not spelled out: {acronyms}").format(acronyms=", ".join(unexplained))]
        if unexplained
        else [],
    )
    summary = text("practice_summary")
    words = summary_words(summary)
    length = []
    if not summary:
        length.append(_("no summary"))
    elif words > SUMMARY_WORDS:
        length.append(
            ngettext(
                "{n} word; a short summary has about 100 to 150",
                "{n} words; a short summary has about 100 to 150",
                words,
            ).format(n=words)
        )
    verdict(N_("Summary length"), length)
    described = []
    if not text("practice_innovation"):
        described.append(_("innovation is not described"))
    if not text("practice_replicability"):
        described.append(_("replicability is not described"))
    verdict(N_("Innovation and replicability described"), described)
    return tuple(out)


@dataclass(frozen=True)
class _Answers:
    """One practice's answers: raw, and in words."""

    form: Form
    answers: Mapping[str, Any]
    pairs: tuple[tuple[str, str], ...]
    words: Callable[[Form, str, Any, Mapping[str, Any], str], str]

    def value(self, question: str) -> Any:
        return self.answers.get(make_path(question, self.pairs))

    def text(self, question: str) -> str:
        if question not in self.form:
            return ""
        path = make_path(question, self.pairs)
        return self.words(self.form, question, self.value(question), self.answers, path)


def hub_practices(
    records: Iterable[Mapping[str, Any]],
    forms: Mapping[tuple[str, str], Form],
    words: Callable[[Form, str, Any, Mapping[str, Any], str], str],
) -> list[HubPractice]:
    """Every practice of ``records`` (canonical records), in Hub fields and checked.
    ``words(form, question, value, answers, path)`` gives an answer in words."""
    out = []
    for record in sorted(records, key=lambda r: (str(r["state"]), str(r["period"]))):
        form = forms.get((str(record["form_id"]), str(record["form_version"])))
        if form is None or PRACTICES not in form:
            continue
        answers = record["answers"]
        order = (record.get("instances") or {}).get(PRACTICES, [])
        for number, iid in enumerate(order, 1):
            one = _Answers(form, answers, ((PRACTICES, iid),), words)
            out.append(
                HubPractice(
                    state=str(record["state"]),
                    period=str(record["period"]),
                    revision=int(record["revision"]),
                    uuid=str(record["uuid"]),
                    number=number,
                    values=tuple(one.text(q) for _f, q in FIELDS),
                    verdicts=check(one.value, one.text),
                )
            )
    return out


def _append(sheet: Any, values: list[Any]) -> None:
    """One row whose texts stay texts: the Hub file is opened in Excel, where an answer such
    as ``=HYPERLINK(...)`` must not become a formula; characters a cell cannot hold are shown
    as U+FFFD and a text longer than a cell is cut."""
    sheet.append([text_cell(v, "\u2026") if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_hub_workbook(practices: list[HubPractice], target: Any, lang: str, rtl: bool) -> None:
    """The Hub submission workbook: About (what it is, what is unverified), Practices (one row
    per practice, the Hub's fields), Checklist (one row per practice and criterion)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.worksheets[0])
    about = book.create_sheet(_("About"))
    bold = Font(bold=True)
    top = Alignment(wrap_text=True, vertical="top")
    for row in (
        [_("Practices for the Migration Network Hub's Repository of Practices")],
        [
            _(
                "Unverified field list: the Hub's submission template was not available; the "
                "fields follow the project's notes on the Hub's practice records. Check them "
                "against the Hub's current Word template before submitting."
            )
        ],
        [
            _(
                "Checked: the Hub's published checklist for practice submissions (objectives, "
                "guiding principles, implemented after December 2018, completed or ongoing "
                "with results, the main implementer's focal point, acronyms spelled out), "
                "summary length (about 100 to 150 words, not verified) and innovation and "
                "replicability described."
            )
        ],
        [
            ngettext("{n} practice", "{n} practices", len(practices)).format(n=len(practices)),
        ],
    ):
        about.append(row)
    about["A1"].font = bold
    about.column_dimensions["A"].width = 110
    for cell in about["A"]:
        cell.alignment = top
    sheet = book.create_sheet(_("Practices"))
    header = [_("State"), _("Reporting period"), _("Revision"), _("Practice"), _("Hub check")]
    sheet.append(header + [_(f) for f, _q in FIELDS] + ["UUID"])
    for p in practices:
        check_text = _("passes") if p.passed else _("fails")
        _append(
            sheet,
            [
                state_name(p.state, lang),
                p.period,
                p.revision,
                p.number,
                check_text,
                *p.values,
                p.uuid,
            ],
        )
    checklist = book.create_sheet(_("Checklist"))
    checklist.append(
        [
            _("State"),
            _("Reporting period"),
            _("Practice"),
            _("Title"),
            _("Criterion"),
            _("Met"),
            _("Why not"),
        ]
    )
    for p in practices:
        for v in p.verdicts:
            _append(
                checklist,
                [
                    state_name(p.state, lang),
                    p.period,
                    p.number,
                    p.values[0],
                    v.criterion,
                    _("yes") if v.passed else _("no"),
                    v.why,
                ],
            )
    for ws in (sheet, checklist):
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 28
    for ws in book.worksheets:
        ws.sheet_view.rightToLeft = rtl
    book.save(target)
