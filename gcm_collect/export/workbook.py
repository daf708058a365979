"""``export_workbook``: the reviewer workbook of a local database, for the CLI and the app."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gcm_collect import __version__ as app_version
from gcm_collect.conversation import Conversation
from gcm_collect.errors import UserError
from gcm_collect.files import check_portable_name
from gcm_collect.forms.model import Form
from gcm_collect.i18n import LANGUAGES, _
from gcm_collect.ops.keys import signing_key
from gcm_collect.vocabulary import STATUSES
from gcm_collect.workbook.layout import (
    TRUNCATION_MARKER,
    labels_for,
    sheet_plan,
    translator_for,
)
from gcm_collect.workbook.model import LAYOUT, ExportMeta, ExportRecord, FormEntry
from gcm_collect.workbook.sheets import CODEBOOK_HEADER, codebook_rows, cover_rows
from gcm_collect.workbook.writer import Cancel, ExportCancelled, Progress, write_workbook

if TYPE_CHECKING:
    from gcm_collect.store import Store

__all__ = ["ExportCancelled", "ExportSummary", "export_workbook"]


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    submissions: int
    by_status: dict[str, int]
    entries: dict[str, int] = field(default_factory=dict)  # repeat name -> rows written
    fingerprint: str = ""
    lang: str = "en"


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
    check_portable_name(target)
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
        truncation_marker=tr(TRUNCATION_MARKER),
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
        conversation=conversation_of(store, subs),
    )
    return ExportSummary(target, len(subs), ordered_status, dict(entries), fp, lang)


def conversation_of(store: Store, subs: Sequence[Any]) -> Conversation:
    """The review conversation about the exported revisions and the revisions they revise
    (a returned survey's threads travel on with the revision that answers them)."""
    named = {s.uuid for s in subs}
    step = {s.revises for s in subs if s.revises}
    while step - named:
        named |= step
        step = {
            sub.revises
            for uuid in step
            if store.has_submission(uuid) and (sub := store.get_submission(uuid)).revises
        }
    return store.load_conversation(named)
