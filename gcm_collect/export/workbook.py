"""``export_workbook``: the reviewer workbook of a local database, for the CLI and the app."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gcm_collect import __version__ as app_version
from gcm_collect.errors import UserError
from gcm_collect.export.sheets import CODEBOOK_HEADER, codebook_rows, cover_rows
from gcm_collect.forms.model import OTHER_CHOICE, Form
from gcm_collect.i18n import LANGUAGES, N_, _
from gcm_collect.i18n.catalogs import load_catalog
from gcm_collect.ops.keys import signing_key
from gcm_collect.vocabulary import STATUS_LABELS, STATUSES
from gcm_collect.workbook.model import (
    LAYOUT,
    MACHINE_SHEETS,
    ExportMeta,
    ExportRecord,
    FormEntry,
    SheetPlan,
)
from gcm_collect.workbook.render import OBJECTIVE_RE, PAIR_TITLES, pair_sheets
from gcm_collect.workbook.sheetnames import safe_sheet_names
from gcm_collect.workbook.writer import Cancel, ExportCancelled, Progress, write_workbook

__all__ = ["ExportCancelled", "ExportSummary", "export_workbook", "translator_for"]


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    submissions: int
    by_status: dict[str, int]
    entries: dict[str, int] = field(default_factory=dict)  # repeat name -> rows written
    fingerprint: str = ""
    lang: str = "en"


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


def export_workbook(
    store: Any,
    out_path: str | os.PathLike[str],
    *,
    lang: str,
    states: Sequence[str] = (),
    statuses: Sequence[str] = (),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportSummary:
    """Export the (not deleted) submissions matching the filters to a reviewer workbook.

    ``progress(done, total)`` is called as records are written; ``cancel()`` returning True
    stops the export with ExportCancelled and leaves no file behind. UserError for a bad
    language, an unknown form or an unwritable target.
    """
    if lang not in LANGUAGES:
        raise UserError(
            _("unsupported language {lang}; use one of {languages}").format(
                lang=lang, languages=", ".join(LANGUAGES)
            )
        )
    target = Path(out_path)
    if target.suffix.lower() != ".xlsx":
        raise UserError(_("the export file name must end in .xlsx"), target)
    tr = translator_for(lang)
    subs = store.list_submissions(
        state=list(states) or None,
        status=list(statuses) or None,
        order_by="state",
        descending=False,
    )
    subs.sort(key=lambda s: (s.state, s.period, s.form_id, s.form_version, s.uuid))
    forms: list[tuple[FormEntry, Form]] = []
    for key in sorted({(s.form_id, s.form_version) for s in subs}):
        record = store.get_form(*key)
        if record is None:
            raise UserError(
                _("form {form_id} version {version} is not in the database").format(
                    form_id=key[0], version=key[1]
                )
            )
        form = Form.from_json(record.definition)
        forms.append(
            (FormEntry(record.form_id, record.version, form.content_hash, record.definition), form)
        )
    exported_at = store.now()
    officer = store.get_setting("officer", "") or ""
    signing = signing_key(store)  # every export is signed with this installation's key
    meta = ExportMeta(
        exported_at=exported_at,
        officer=officer,
        device_id=store.device_id,
        lang=lang,
        app_version=app_version,
        sheets=sheet_plan([f for _e, f in forms], lang, tr),
        labels=labels_for((s.state for s in subs), lang, tr, (f for _e, f in forms)),
        truncation_marker=tr(
            N_(
                " [… cut: {count} characters in all; the full text is kept in "
                "the workbook's hidden data]"
            )
        ),
        filters={"states": sorted(states), "statuses": sorted(statuses)},
        layout=LAYOUT,
    )
    provenance = {
        "officer": officer,
        "device_id": store.device_id,
        "exported_at": exported_at,
        "export_fingerprint": None,
    }
    by_status = Counter(s.status for s in subs)
    ordered_status = {s: by_status[s] for s in STATUSES if by_status.get(s)}
    entries: Counter[str] = Counter()

    def records() -> Iterator[ExportRecord]:
        for sub in subs:
            data = store.get_record(sub.uuid)
            for repeat_path, order in data.get("instances", {}).items():
                entries[repeat_path.rsplit("/", 1)[-1]] += len(order)
            yield ExportRecord(data=data, provenance=provenance)

    fp = write_workbook(
        target,
        meta=meta,
        forms=forms,
        records=records(),
        total=len(subs),
        tr=tr,
        cover=lambda fingerprint: cover_rows(
            meta,
            fingerprint=fingerprint,
            forms=[f for _e, f in forms],
            by_status=ordered_status,
            total=len(subs),
            tr=tr,
            signed_by=signing.signer.fingerprint,
        ),
        codebook=codebook_rows([f for _e, f in forms], lang, tr),
        codebook_header=CODEBOOK_HEADER,
        progress=progress,
        cancel=cancel,
        attachments=store.get_attachment,
        key=signing,
    )
    return ExportSummary(target, len(subs), ordered_status, dict(entries), fp, lang)
