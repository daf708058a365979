"""Finding, checking and loading the input workbooks of a consolidation, one by one.

``check_input`` is what the app's dialog shows next to each file; ``load_input`` is the same
check keeping what the merge needs. Record data are kept zlib-compressed (canonical JSON), so
200 workbooks of 100 submissions stay well within memory.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gcm_collect.consolidate.merge import Candidate
from gcm_collect.consolidate.regional import CONFLICTS_SHEET
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.isolation import Child, shared_child
from gcm_collect.keys.trust import Register, Verdict, describe, signer_name
from gcm_collect.safezip import opened
from gcm_collect.terminal import printable
from gcm_collect.workbook import machine
from gcm_collect.workbook.canonical import canonical_json
from gcm_collect.workbook.cells import ILLEGAL
from gcm_collect.workbook.edits import find_edits
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.model import DATA_ROLES, Edit, ExportedWorkbook, ExportRecord
from gcm_collect.workbook.reader import check_places, check_records, read_opened, sheet_rows
from gcm_collect.workbook.render import RelevanceCache
from gcm_collect.workbook.review import review_trail
from gcm_collect.workbook.reviewed import Review, read_review
from gcm_collect.workbook.signing import SigningKey

VERIFIED, EDITED, REJECTED, DUPLICATE = "verified", "edited", "rejected", "duplicate"


@dataclass(frozen=True)
class InputStatus:
    """One input as checked: ``outcome`` is verified, edited, rejected or duplicate."""

    path: Path
    outcome: str
    problem: str | None = None  # one line, for rejected and duplicate inputs
    officer: str = ""
    device_id: str = ""
    exported_at: str = ""
    fingerprint: str = ""
    lang: str = ""
    consolidated: bool = False  # itself a regional workbook
    submissions: int = 0
    entries: int = 0  # repeat entries (practices, commitments ...)
    edits: tuple[Edit, ...] = ()
    formulas: tuple[tuple[str, str, str], ...] = ()  # (sheet, cell, formula)
    # Who signed it, as the reviewer's register judges it (None: no register was given).
    verdict: Verdict | None = None
    signer_officer: str = ""  # the name the signer gave (the register's, when trusted)
    # What of the review could not be taken (a comment on no answer, a decision without a
    # reason ...), one line each, without the file name.
    review_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome in (VERIFIED, EDITED)

    @property
    def trusted(self) -> bool:
        return self.verdict is None or self.verdict.trusted

    def signature_text(self, tr: Callable[[str], str] = _) -> str:
        """``signed by a trusted key (Amina Diallo, FRA)``, ``unsigned`` ... (``tr``: the
        language, the app's unless a workbook's)."""
        if self.verdict is None:
            return ""
        return describe(self.verdict, self.signer_officer, tr)

    def line(self) -> str:
        """The one line the CLI and the dialog show for this input."""
        name = str(self.path)
        signed = f"; {self.signature_text()}" if self.ok and self.verdict is not None else ""
        if self.outcome == VERIFIED:
            return (
                _("{file}: verified, {count} submissions").format(file=name, count=self.submissions)
                + signed
            )
        if self.outcome == EDITED:
            return self._edited(name) + signed
        return f"{name}: {self.problem}"

    def _edited(self, name: str) -> str:
        return _(
            "{file}: verified, {count} submissions; {edits} visible cells changed after "
            "export, {formulas} formulas in data cells"
        ).format(
            file=name,
            count=self.submissions,
            edits=len(self.edits),
            formulas=len(self.formulas),
        )


@dataclass
class LoadedInput:
    status: InputStatus
    workbook: ExportedWorkbook | None = None
    candidates: list[Candidate] = field(default_factory=list)
    superseded: tuple[str, ...] = ()
    digest: str = ""  # SHA-256 of the file's bytes (the same file twice)
    review: Review = field(default_factory=Review)  # comments and decisions, carried and added


# Not workbooks, though named *.xlsx: Excel's lock file of a workbook open in it
# ("~$review.xlsx") and macOS's resource forks on FAT and network disks ("._review.xlsx").
NOT_WORKBOOKS = ("~$", "._")


def _a_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx" and not path.name.startswith(NOT_WORKBOOKS)


def expand_inputs(args: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named, folders (their ``*.xlsx``, sorted) and glob patterns, in the order given;
    in folders and patterns, Excel's ``~$`` lock files and macOS's ``._`` files are skipped.

    A name that matches nothing is kept, so it is reported as missing rather than ignored.
    """
    out: list[Path] = []
    for arg in args:
        text = os.fspath(arg)
        path = Path(text)
        if path.is_dir():
            out += sorted(
                (p for p in path.iterdir() if _a_workbook(p) and p.is_file()),
                key=lambda p: p.name,
            )
        elif glob.has_magic(text) and not path.exists():
            out += sorted(
                Path(p)
                for p in glob.glob(text)
                if Path(p).is_file() and not Path(p).name.startswith(NOT_WORKBOOKS)
            )
        else:
            out.append(path)
    return out


def pack(data: dict[str, Any]) -> bytes:
    return zlib.compress(canonical_json(data).encode("utf-8"), 1)


def unpack(payload: bytes) -> dict[str, Any]:
    return json.loads(zlib.decompress(payload).decode("utf-8"))


@functools.lru_cache(maxsize=1)
def _last_unpacked(payload: bytes) -> Mapping[str, Any]:
    # one record read key after key (answers, then instances) is unpacked once
    return MappingProxyType(unpack(payload))


class Packed(Mapping[str, Any]):
    """A record kept compressed, read as its data: the metadata (every value that is not a
    list or mapping) at hand, the rest unpacked again when asked. Holding every written
    record's data until the last sheet is made took 11 KB a submission (218 MB at 20,000)."""

    __slots__ = ("_meta", "_payload")

    def __init__(self, data: Mapping[str, Any], payload: bytes) -> None:
        self._meta = {k: v for k, v in data.items() if not isinstance(v, list | dict)}
        self._payload = payload

    def __getitem__(self, key: str) -> Any:
        if key in self._meta:
            return self._meta[key]
        return _last_unpacked(self._payload)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_last_unpacked(self._payload))

    def __len__(self) -> int:
        return len(_last_unpacked(self._payload))


def _alternates(wb: ExportedWorkbook) -> list[ExportRecord]:
    """The extra conflict candidates a regional workbook carries, verified against its meta."""
    expected = sorted(wb.meta.filters.get("alternates") or [])
    if not expected and CONFLICTS_SHEET not in wb.book.sheet_names:
        return []
    if CONFLICTS_SHEET not in wb.book.sheet_names:
        raise UserError(
            _("the hidden sheet {sheet} is missing").format(sheet=CONFLICTS_SHEET), wb.path
        )
    try:
        records = machine.parse_records(
            sheet_rows(wb.book, CONFLICTS_SHEET, wb.path), CONFLICTS_SHEET
        )
    except machine.MalformedError as exc:
        raise UserError(str(exc), wb.path) from exc
    check_places(records, wb.path)  # the conflicting versions too
    if sorted(r.key for r in records) != expected:
        raise UserError(
            _(
                "the hidden data were changed after export (conflicting versions do not match "
                "the fingerprint)"
            ),
            wb.path,
        )
    return records


def check_what_the_run_needs(wb: ExportedWorkbook, records: list[ExportRecord]) -> None:
    """UserError naming the input when it holds what would stop the whole run later (merging,
    writing the regional workbook): a revision no program holds exactly, a submission whose
    form the workbook does not carry (``check_records``, for the conflicting versions too), a
    control character in a text the regional workbook shows (officer, device, the file's own
    name)."""
    if ILLEGAL.search(wb.path.name):
        raise UserError(_("the file name holds a control character; rename the file"), wb.path)
    check_records(records, wb.forms, wb.path)
    for record in records:
        _check_texts(record.provenance, "provenance", wb.path)
    _check_texts(wb.meta.to_data(), "", wb.path)


def _check_texts(value: Any, field: str, path: Path) -> None:
    if isinstance(value, str):
        if ILLEGAL.search(value):
            raise UserError(
                _("the text {field} holds a control character").format(field=field), path
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_texts(item, f"{field}.{key}" if field else str(key), path)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_texts(item, field, path)


def candidate_of(
    record: ExportRecord,
    wb: ExportedWorkbook,
    source: str,
    made_by: SigningKey | None = None,
    verdict: Verdict | None = None,
) -> Candidate:
    """A record as the merge sees it; provenance names the export that first wrote it and the
    key that first signed it (``signed_by``).

    ``made_by``: a revision made here from the edits taken, signed by the reviewer's key.
    ``verdict``: how the register judges the input (None: no register, every input believed).
    A regional workbook's claim of who first signed a record is believed only from a trusted
    input; an officer's export is always first signed by its own key.
    """
    provenance = dict(record.provenance)
    provenance["export_fingerprint"] = record.origin_fingerprint(wb.fingerprint)
    state = str(record.data.get("state") or "")
    states: frozenset[str] | None = None
    if made_by is not None:
        signer, trusted = made_by.signer.fingerprint, True
    else:
        by = wb.signature.signer
        own = by.fingerprint if wb.signature.valid and by is not None else ""
        believed = verdict is None or verdict.trusted
        claimed = provenance.get("signed_by") if wb.meta.filters.get("consolidated") else None
        signer = str(claimed or own) if believed else own
        trusted = verdict is None or verdict.may_sign_for(state)
        if verdict is not None and verdict.holder is not None:
            states = verdict.holder.states
    if signer:
        provenance["signed_by"] = signer
    else:
        provenance.pop("signed_by", None)
    data = record.data
    return Candidate(
        uuid=record.uuid,
        revision=record.revision,
        checksum=record.checksum,
        provenance=provenance,
        revises=data.get("revises") or None,
        state=state,
        payload=pack(dict(data)),
        sources=frozenset({source}),
        region=str(data.get("region") or ""),
        status=str(data.get("status") or ""),
        period=str(data.get("period") or ""),
        signer=signer,
        trusted=trusted,
        states=states,
        form=(str(data.get("form_id")), str(data.get("form_version"))),
        reviews=_reviews(data),
    )


def _reviews(data: Mapping[str, Any]) -> tuple[tuple[Any, Any, Any, Any], ...]:
    """Each edit the record's reviews took, as (workbook, reviewer, at, edit), latest first."""
    return tuple(
        (review.get("workbook"), review.get("by"), review.get("at"), edit)
        for review in review_trail(data)
        for edit in review.get("edits") or ()
        if isinstance(edit, dict)
    )


def load_input(
    path: str | os.PathLike[str],
    *,
    keep: bool = True,
    cache: RelevanceCache | None = None,
    register: Register | None = None,
    child: Child | None = None,
) -> LoadedInput:
    """Check one input completely; with ``keep``, also build its merge candidates.

    The input is read in a child process (``child``, by default the shared one), so that
    nothing in it, not even a reader aborting or running out of memory, stops the run: that
    input alone is rejected. ``cache`` keeps the records' relevance evaluations, for writing
    the regional workbook; ``register`` judges who signed it (None: not judged, every input
    believed)."""
    file = Path(path)
    keys = dict(register.keys) if register is not None else None  # a mapping proxy: no pickle
    try:
        loaded, remembered = (child or shared_child()).call(file, _load_in_child, file, keep, keys)
    except UserError as exc:
        return LoadedInput(InputStatus(file, REJECTED, exc.message))
    if cache is not None:
        cache.absorb(remembered)
    return loaded


def _load_in_child(
    file: Path, keep: bool, keys: dict | None
) -> tuple[LoadedInput, tuple[dict, dict]]:
    """``load_here`` in the child: what crosses back is what the run needs, without the
    opened file, and the records themselves only when edits may be taken from them."""
    cache = RelevanceCache()
    register = Register(MappingProxyType(keys)) if keys is not None else None
    loaded = load_here(file, keep=keep, cache=cache, register=register)
    wb = loaded.workbook
    if not keep:
        loaded.workbook = None
    elif wb is not None:
        edited = loaded.status.edits or loaded.status.formulas
        loaded.workbook = dataclasses.replace(wb, book=None, records=wb.records if edited else ())
    return loaded, cache.entries()


def load_here(
    file: Path,
    *,
    keep: bool = True,
    cache: RelevanceCache | None = None,
    register: Register | None = None,
) -> LoadedInput:
    """``load_input`` in this process."""
    try:
        with opened(file) as source:  # the file is opened once, whatever reads it
            digest = source.digest
            wb = read_opened(source)
            alternates = _alternates(wb)
            check_what_the_run_needs(wb, [*wb.records, *alternates])
            edits = tuple(find_edits(wb, cache=cache))
            data_sheets = [p.name for p in wb.meta.sheets if p.role.startswith(DATA_ROLES)]
            formulas = tuple(formula_cells(source.archive, data_sheets))
            review = read_review(wb, archive=source.archive) if keep else Review()
    except UserError as exc:
        message = exc.message if exc.path else str(exc)
        return LoadedInput(InputStatus(file, REJECTED, message))
    except Exception as exc:  # noqa: BLE001 - anything else from a hostile file: this input alone
        problem = printable(str(exc)) or type(exc).__name__
        return LoadedInput(
            InputStatus(
                file, REJECTED, _("the workbook cannot be read: {problem}").format(problem=problem)
            )
        )
    records = list(wb.records) + alternates
    meta = wb.meta
    verdict = register.judge(wb.signature) if register is not None else None
    status = InputStatus(
        path=file,
        outcome=EDITED if edits or formulas else VERIFIED,
        officer=meta.officer,
        device_id=meta.device_id,
        exported_at=meta.exported_at,
        fingerprint=wb.fingerprint,
        lang=meta.lang,
        consolidated=bool(meta.filters.get("consolidated")),
        submissions=len(records),
        entries=sum(len(v) for r in records for v in r.instances.values()),
        edits=edits,
        formulas=formulas,
        verdict=verdict,
        signer_officer=signer_name(verdict, wb.signature),
        review_problems=review.problems,
    )
    loaded = LoadedInput(status, wb, digest=digest, review=review)
    loaded.superseded = tuple(meta.filters.get("superseded") or ())
    if keep:
        loaded.candidates = [candidate_of(r, wb, file.name, verdict=verdict) for r in records]
    return loaded


def check_input(path: str | os.PathLike[str], register: Register | None = None) -> InputStatus:
    """Is it a GCM Collect export, of a supported format version, intact, edited, signed by
    whom? One line."""
    return load_input(path, keep=False, register=register).status
