"""Export and consolidate, the two workbook actions, as the command line and the app both run
them: the same checks first, the same defaults, and what changed said back."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gcm_collect import reference
from gcm_collect.consolidate import (
    ConsolidationReport,
    InputStatus,
    check_input,
    consolidate,
    expand_inputs,
)
from gcm_collect.errors import UserError
from gcm_collect.export import ExportSummary, export_workbook
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.i18n import _
from gcm_collect.keys.trust import Register
from gcm_collect.ops.changes import EXPORTED, Changed
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.ops.keys import consolidation_keys, remember_first_signers
from gcm_collect.store import Store
from gcm_collect.vocabulary import DEFAULT_EXPORT_STATUSES

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class Exported:
    """What an export did: the workbook written and, in the database, whether the built-in
    survey's definition was stored or brought up to date first (so the workbook carries it)."""

    summary: ExportSummary
    form_refreshed: bool

    @property
    def changed(self) -> Changed:
        """An export changes no submission; the built-in form maybe."""
        return Changed(EXPORTED, forms=self.form_refreshed)


def export(
    store: Store,
    out: str | os.PathLike[str],
    *,
    lang: str,
    states: Sequence[str] = (),
    statuses: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Exported:
    """Export the submissions of ``states`` (all: empty) and ``statuses`` (None: complete and
    finalized, drafts stay on the laptop) to a reviewer workbook at ``out``."""
    for state in states:  # a mistyped code would give an empty workbook, sent on unnoticed
        if reference.state(state) is None:
            raise UserError(_("unknown State {state}").format(state=state))
    form = builtin_form()
    stored = store.get_form(form.form_id, form.version)
    ensure_builtin(store)
    summary = export_workbook(
        store,
        out,
        lang=lang,
        states=tuple(s.upper() for s in states),
        statuses=DEFAULT_EXPORT_STATUSES if statuses is None else tuple(statuses),
        progress=progress,
        cancel=cancel,
    )
    refreshed = stored is None or stored.content_hash != form.content_hash
    return Exported(summary, refreshed)


def consolidate_workbooks(
    store: Store | None,
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    lang: str,
    region: str | None = None,
    statuses: Sequence[str] = (),
    periods: Sequence[str] = (),
    accept_edits: bool = False,
    reviewer: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    approved: str | None = None,
) -> ConsolidationReport:
    """Consolidate the workbooks ``inputs`` names (files, folders of them, glob patterns) into
    the regional workbook ``out``; the report says what was written, left out and taken.

    With the reviewer's database (``store``), the regional workbook is signed with its key and
    the inputs' signatures are judged by its register of trusted keys, and each submission
    stays bound to the key an earlier consolidation saw first sign it; without, it is unsigned.
    """
    keys = consolidation_keys(store) if store is not None else {}
    report = consolidate(
        expand_inputs(inputs),
        out,
        region=region,
        statuses=statuses,
        periods=periods,
        lang=lang,
        accept_edits=accept_edits,
        reviewer=reviewer,
        strict=strict,
        progress=progress,
        cancel=cancel,
        approved=approved,
        **keys,
    )
    if store is not None:  # the next run keeps these submissions bound to their first key
        remember_first_signers(store, report.bindings)
    return report


def consolidation_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The workbooks ``paths`` names (files, folders of them, glob patterns), each once, as
    ``consolidate_workbooks`` takes them."""
    return expand_inputs(paths)


def check_inputs(
    paths: Sequence[Path],
    trusted: Register | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[InputStatus]:
    """Check workbooks before consolidating them, reading only: each one's status (verified,
    edited, refused) and its signer, judged by ``trusted`` (the reviewer's register,
    ``ops.keys.register``: trusted, unknown or unsigned; None: not judged). Stops early when
    ``cancel`` says so."""
    statuses = []
    for done, path in enumerate(paths, start=1):
        if cancel is not None and cancel():
            break
        statuses.append(check_input(path, trusted))
        if progress is not None:
            progress(done, len(paths))
    return statuses
