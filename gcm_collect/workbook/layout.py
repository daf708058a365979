"""The layout of a workbook fixed at writing time, shared by the export and the consolidation:
which sheets it has and their names (``sheet_plan``), the texts from outside the workbook its
cells show (``labels_for``), and the language they are written in (``translator_for``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from gcm_collect.forms.model import OTHER_CHOICE, Form
from gcm_collect.i18n import N_
from gcm_collect.i18n.catalogs import load_catalog
from gcm_collect.vocabulary import STATUS_LABELS
from gcm_collect.workbook.model import MACHINE_SHEETS, SheetPlan
from gcm_collect.workbook.render import OBJECTIVE_RE, PAIR_TITLES, pair_sheets
from gcm_collect.workbook.reviewsheet import REVIEW_ROLE, REVIEW_TITLE
from gcm_collect.workbook.sheetnames import safe_sheet_names

# Where a cell's text is cut to Excel's limit (32,767 characters).
TRUNCATION_MARKER = N_(
    " [… cut: {count} characters in all; the full text is kept in the workbook's hidden data]"
)


def translator_for(lang: str) -> Callable[[str], str]:
    """``gettext`` in ``lang`` without switching the app's language."""
    return load_catalog(lang, "messages").gettext


def sheet_plan(forms: Sequence[Form], lang: str, tr: Callable[[str], str]) -> tuple[SheetPlan, ...]:
    roles: list[tuple[str, str]] = [
        ("cover", tr(N_("About"))),
        ("submissions", tr(N_("Submissions"))),
    ]
    seen = set()
    for form in forms:
        for rep in form.repeats():
            if rep.name not in seen:
                seen.add(rep.name)
                roles.append((f"repeat:{rep.name}", rep.label(lang)[0] or rep.name))
    if any(OBJECTIVE_RE.match(q.name) for f in forms for q in f.questions()):
        roles.append(("objectives", tr(N_("Objectives"))))
    for role, rep, list_name in pair_sheets(forms):
        entry = rep.label(lang)[0] or rep.name
        roles.append((role, tr(PAIR_TITLES[list_name]).format(entry=entry)))
    roles.append((REVIEW_ROLE, tr(REVIEW_TITLE)))
    roles.append(("codebook", tr(N_("Codebook"))))
    names = safe_sheet_names([name for _role, name in roles], taken=MACHINE_SHEETS)
    return tuple(SheetPlan(n, role) for n, (role, _name) in zip(names, roles, strict=True))


def labels_for(
    states: Iterable[str], lang: str, tr: Callable[[str], str], forms: Iterable[Form] = ()
) -> dict[str, dict[str, str]]:
    """Texts from outside the workbook that data cells show, fixed at export time.

    ``footnote`` holds the footnote of every State the workbook names (Kosovo*) — in its
    records or in its forms' choice lists, which the codebook lists — for the cover, the notes
    on the State columns and the printed page footers.
    """
    from gcm_collect import reference

    codes = sorted(set(states))
    named = {c.name for f in forms for cl in f.choice_lists.values() for c in cl.choices}
    footnoted = {s for s in {*codes, *named} if reference.state_footnote(s) is not None}

    objective_titles = {}
    for objective in reference.objectives():
        title = objective.title(lang)
        if not objective.is_official(lang):
            title = tr(N_("{title} (working translation, not official)")).format(title=title)
        objective_titles[str(objective.id)] = title
    return {
        "state": {iso3: reference.state_label(iso3, lang) for iso3 in codes},
        "footnote": {s: reference.footnote_line(s, lang, tr) or "" for s in sorted(footnoted)},
        "objective": objective_titles,
        "status": {s: tr(label) for s, label in STATUS_LABELS.items()},
        "choice": {OTHER_CHOICE: tr(N_("Other"))},
    }
