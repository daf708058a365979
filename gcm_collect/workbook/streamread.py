"""Reading and verifying an exported or regional workbook as a stream of record batches.

``read_export`` holds every record and every visible cell at once (739 MB for 3,000
submissions); an import needs none of them together. Here the sheets are read row by row
(xlsxstream.py), the visible rows wait on disk (store/spool.py) for the records that should
have written them, and every check of ``read_export`` and ``find_edits`` is made on the way:

- each record against its checksum, its place, its revision and its form, as it comes;
- the fingerprint from the record keys collected on the way (a few dozen bytes a record),
  then the signature over it, at the end;
- each record rendered again and its rows compared with the visible rows of the same keys.

What streams out: ``("forms", [FormEntry])``, ``("total", n)`` (the rows of the Submissions
sheet: about how many records follow), then ``("records", [data])`` in batches, then
``("file", Attachment)`` for each attachment, then ``("end", StreamEnd)``. The data are only
proven whole at the end: a consumer writes them in one transaction and commits only after
``end`` (a UserError at any point means: roll back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.i18n import _
from gcm_collect.safezip import opened
from gcm_collect.store.spool import Spool
from gcm_collect.workbook import machine
from gcm_collect.workbook.edits import _SheetMatch, normalize
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.model import (
    DATA_ROLES,
    FILES_SHEET,
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    SIGNED_SINCE,
    Edit,
    ExportedWorkbook,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.reader import (
    check_machine_part,
    check_meta,
    place_refusal,
    record_refusal,
)
from gcm_collect.workbook.render import HEADER_ROWS, DataSheet, Renderer
from gcm_collect.workbook.rowdigest import LOOSE, RowDigests, bucket_of, canonical, first_key
from gcm_collect.workbook.signing import UNSIGNED_WORKBOOK, check_signature
from gcm_collect.workbook.xlsxstream import SheetReader

BATCH = 200  # records a batch: what crosses the pipe at once
MAX_EDITS = 1_000_000  # visible cells changed after export: a reviewer changes dozens


@dataclass(frozen=True)
class StreamEnd:
    """What is known once the whole workbook was read: it is verified."""

    workbook: ExportedWorkbook  # without the opened file; ``records``: the edited ones only
    edits: tuple[Edit, ...]
    submissions: int
    formulas: tuple[tuple[str, str, str], ...] = ()  # (sheet, cell, formula) in data sheets
    no_formulas: frozenset[str] = frozenset()  # data sheets known to hold none (untouched)
    rendered: int = 0  # records rendered again to be compared (the others proven unchanged)


class _Budget:
    """The edits held so far. They are what does grow with the file: a sheet of millions of
    cells added after export (tests/consolidate/test_hostile.py, many_small_cells) is millions
    of edits, some 300 bytes each. Past MAX_EDITS the reading stops as a reader that runs out
    of memory does (MemoryError: in the child process, one line saying the file needs more
    memory than one file may take), long before the child's limit."""

    def __init__(self) -> None:
        self.edits = 0

    def spend(self, count: int) -> None:
        self.edits += count
        if self.edits > MAX_EDITS:
            raise MemoryError("too many edited cells")


class _SpooledMatch(_SheetMatch):
    """A visible sheet matched against its rendering, its data rows waiting in a spool.

    With the export's bucket digests (rowdigest.py), the rows are digested as they are
    spooled: only the buckets that differ are compared (``differing``; None: all of them)."""

    def __init__(self, sheet: DataSheet, head: list[list[Any]], spool: Spool, budget: _Budget):
        super().__init__(sheet, head)
        self.spool = spool
        self.name = sheet.role
        self.budget = budget
        self.uuid_at = first_key(sheet.columns, sheet.role)
        self.counts: Counter[Any] = Counter()  # rows of each submission UUID
        self.differing: set[int] | None = None

    def _compare(self, r: int, rendered: Any) -> list[Edit]:
        found = super()._compare(r, rendered)
        self.budget.spend(len(found))
        return found

    def fill(self, rows: Iterator[list[Any]], expected: Sequence[str] | None) -> int:
        """Spool the data rows (digested when ``expected`` gives the export's digests); how
        many hold something."""
        count = 0
        digests = RowDigests() if expected is not None else None

        def keyed() -> Iterator[tuple[int, str | None, int, list[Any]]]:
            nonlocal count
            for r, row in enumerate(rows, HEADER_ROWS):
                if row:
                    count += 1
                    key = self.row_key(row) if self.keyed else None
                    bucket = self._digest(row, digests) if digests is not None else LOOSE
                    yield r, None if key is None else repr(key), bucket, row

        self.spool.add_rows(self.name, keyed())
        if digests is not None:
            self.differing = digests.differing(expected)
        return count

    def _digest(self, row: list[Any], digests: RowDigests) -> int:
        """The row's bucket, its digest added (every column is ours: no header edits)."""
        width = len(row)
        values = [row[p] if p is not None and p < width else None for p in self.positions]
        extra: list[tuple[int, Any]] = []
        if self.unmapped or width > len(self.names):
            for p in [*self.unmapped, *range(len(self.names), width)]:
                if p < width and normalize(row[p]) is not None:
                    extra.append((p, canonical(row[p])))
        uuid = normalize(values[self.uuid_at])
        if uuid is None and not any(normalize(v) is not None for v in values) and not extra:
            return LOOSE  # nothing in it: no row at all
        bucket = bucket_of(uuid)
        digests.add(bucket, values, extra)
        if bucket != LOOSE:
            self.counts[uuid] += 1
        return bucket

    def proven(self, bucket: int) -> bool:
        """Whether the rows of ``bucket`` are the export's, every one."""
        return self.differing is not None and bucket not in self.differing

    def _find(self, key: tuple[Any, ...]) -> int | None:
        return self.spool.first_with_key(self.name, repr(key))

    def _row(self, r: int) -> list[Any]:
        return self.spool.row(self.name, r)

    def _data_rows(self) -> Iterator[int]:
        return self.spool.row_numbers(self.name, self.differing)


def _damaged(exc: Exception, file: Path) -> UserError:
    if isinstance(exc, machine.MalformedError):
        return UserError(str(exc), file)
    return UserError(_("the hidden data of the workbook are damaged"), file)


def _meta(reader: SheetReader, file: Path) -> tuple[ExportMeta, str, Any]:
    check_machine_part(reader.sheet_names, file)
    raw, stored, signature = machine.parse_meta(reader.rows(META_SHEET), META_SHEET)
    check_meta(raw, reader.sheet_names, file)
    return ExportMeta.from_data(raw), stored, signature


def stream_export(path: str | Path, batch: int = BATCH) -> Iterator[tuple[str, Any]]:
    """The verified workbook as a stream (see the module's text); UserError naming the file
    when anything is wrong with it, at the point it is found."""
    file = Path(path)
    if not file.is_file():
        raise UserError(_("file not found"), file)
    # the container checks (zip and entity bombs, junk, cells counted), the file opened once
    with opened(file, digest=False) as source:
        yield from _checked(file, source.archive, batch)


def _checked(file: Path, archive: Any, batch: int) -> Iterator[tuple[str, Any]]:
    try:
        with SheetReader(archive) as reader, Spool() as spool:
            for kind, item in _stream(file, reader, spool, batch):
                if kind == "end":  # the formulas from the zip still open: the file read once
                    item = replace(item, formulas=_formulas(archive, item))
                yield kind, item
    except UserError:
        raise
    except (machine.MalformedError, KeyError, TypeError, ValueError) as exc:
        raise _damaged(exc, file) from exc
    except SyntaxError as exc:  # an XML ParseError
        raise UserError(
            _("the workbook cannot be read: {problem}").format(problem=exc), file
        ) from exc


def _formulas(archive: Any, end: StreamEnd) -> tuple[tuple[str, str, str], ...]:
    sheets = [
        p.name
        for p in end.workbook.meta.sheets
        if p.role.startswith(DATA_ROLES) and p.name not in end.no_formulas
    ]
    return tuple(formula_cells(archive, sheets))


class _Shown:
    """The data sheets as the file shows them, each either untouched (its data rows hash as
    the export wrote them, and its stable names are as exported: nothing in it to compare) or
    spooled, to be matched against the rendering of its records as they come."""

    def __init__(self, reader: SheetReader, renderer: Renderer, meta: ExportMeta, spool: Spool):
        self.reader, self.renderer, self.meta, self.spool = reader, renderer, meta, spool
        self.edits: list[Edit] = []  # in the order find_edits gives them
        self.found: dict[str, _SpooledMatch] = {}  # the sheets to compare, by role
        self.no_formulas: set[str] = set()  # untouched sheets without a formula in their head
        self.budget = _Budget()
        self.rendered = 0  # records rendered again to be compared

    def open(self) -> Iterator[int]:
        """Each sheet read (its header edits noted); yields the rows of the Submissions sheet."""
        names = set(self.reader.sheet_names)
        for role, sheet in self.renderer.sheets.items():
            if sheet.name not in names:
                self.edits.append(Edit(sheet.name, "A1", sheet.name, None, None, None))
                continue
            count = self._open(role, sheet)
            if role == "submissions":
                yield count  # a row a submission, unless a reviewer added some

    def _open(self, role: str, sheet: DataSheet) -> int:
        rows = self.reader.rows(sheet.name)
        head = [next(rows, []) for _ in range(HEADER_ROWS)]
        match = _SpooledMatch(sheet, head, self.spool, self.budget)
        header_edits = match.header_edits()
        self.edits += header_edits
        untouched = None if header_edits else self._untouched(role, sheet)
        if untouched is not None:
            return untouched  # its rows, never read on, end with their generator
        self.found[role] = match
        expected = None if header_edits else self.meta.data_buckets.get(role)
        return match.fill(rows, expected)

    def _untouched(self, role: str, sheet: DataSheet) -> int | None:
        """The number of data rows of a sheet whose rows hash as exported; None: compare it.
        (Its data rows hold no formula then: an export writes none.)"""
        expected = self.meta.data_sha256.get(role)
        digest = self.reader.data_digest(sheet.name, HEADER_ROWS) if expected else None
        if digest is None or digest.sha256 != expected:
            return None
        if not digest.head_formula:
            self.no_formulas.add(sheet.name)
        return digest.rows

    def compare(self, record: ExportRecord) -> bool:
        """The record rendered once, its rows compared in each sheet that may hold edits;
        False when nothing of it needed comparing (its rows are proven the export's)."""
        if not self.found:
            return False
        bucket = bucket_of(record.uuid)
        if all(match.proven(bucket) for match in self.found.values()):
            counts = {role: match.counts[record.uuid] for role, match in self.found.items()}
            self.renderer.skip(record, counts)
            for role, match in self.found.items():
                match.exported += counts[role]
            return False
        for role, rendered_rows in self.renderer.render(record).items():
            shown = self.found.get(role)
            if shown is not None:
                for rendered in rendered_rows:
                    self.edits += shown.expect(rendered)
        self.rendered += 1
        return True

    def finish(self) -> tuple[Edit, ...]:
        for match in self.found.values():
            self.edits += match.leftover_edits()
        return tuple(self.edits)


class _Checked:
    """What the records say as they are read: their keys (for the fingerprint) and their own
    problems, told only once the fingerprint holds (as read_export does): a file changed after
    export is "changed", whatever the change broke."""

    def __init__(self, file: Path, forms: list[FormEntry]):
        self.file = file
        self.carried = {(f.form_id, f.version) for f in forms}
        self.keys: list[str] = []
        self.uuids: set[str] = set()
        self.problems: dict[str, UserError] = {}

    def take(self, record: ExportRecord) -> bool:
        """Whether the import can still go on with this record."""
        self.keys.append(record.key)
        if record.uuid in self.uuids:
            self.problems.setdefault(
                "twice", UserError(_("the workbook holds the same submission twice"), self.file)
            )
        self.uuids.add(record.uuid)
        for kind, refusal in (
            ("place", place_refusal(record, self.file)),
            ("record", record_refusal(record, self.carried, self.file)),
        ):
            if refusal is not None:
                self.problems.setdefault(kind, refusal)
        return not self.problems

    def refuse(self) -> None:
        for kind in ("twice", "place", "record"):
            if kind in self.problems:
                raise self.problems[kind]


def _stream(file: Path, reader: SheetReader, spool: Spool, batch: int) -> Iterator[tuple[str, Any]]:
    meta, stored, signature = _meta(reader, file)
    forms = machine.parse_forms(reader.rows(FORMS_SHEET), FORMS_SHEET)
    yield "forms", forms
    renderer = Renderer([Form.from_json(e.definition) for e in forms], meta, lambda text: text)
    shown = _Shown(reader, renderer, meta, spool)
    for count in shown.open():
        yield "total", count
    checked = _Checked(file, forms)
    yield from _records(reader, shown, checked, batch)
    hashes: list[str] = []
    if FILES_SHEET in reader.sheet_names:
        for attachment in machine.iter_files(reader.rows(FILES_SHEET), FILES_SHEET):
            hashes.append(attachment.sha256)
            yield "file", attachment
    if machine.fingerprint_from_keys(meta, forms, checked.keys, hashes) != stored:
        raise UserError(
            _(
                "the hidden data were changed after export (fingerprint mismatch); ask the "
                "sender for a fresh export"
            ),
            file,
        )
    checked.refuse()
    signed = (
        check_signature(stored, signature)
        if meta.format_version >= SIGNED_SINCE
        else UNSIGNED_WORKBOOK
    )
    edits = shown.finish()
    wb = ExportedWorkbook(file, meta, tuple(forms), _edited(spool, edits), stored, signature=signed)
    no_formulas = frozenset(shown.no_formulas)
    yield "end", StreamEnd(wb, edits, len(checked.keys), (), no_formulas, shown.rendered)


def _records(
    reader: SheetReader, shown: _Shown, checked: _Checked, batch: int
) -> Iterator[tuple[str, Any]]:
    """The records in batches, each compared with the sheets as it comes and kept in the spool
    (for the end: the records of the edits) when any sheet is compared."""
    pending: list[dict[str, Any]] = []
    for record in machine.iter_records(reader.rows(RECORDS_SHEET), RECORDS_SHEET):
        if not checked.take(record):
            continue  # the import fails: nothing more to render or send
        if shown.compare(record):
            kept = (dict(record.data), dict(record.provenance), record.checksum)
            shown.spool.put_record(record.uuid, kept)
        pending.append(dict(record.data))
        if len(pending) >= batch:
            yield "records", pending
            pending = []
    if pending and not checked.problems:
        yield "records", pending


def _edited(spool: Spool, edits: tuple[Edit, ...]) -> tuple[ExportRecord, ...]:
    """The records the edits are in."""
    edited = []
    for uuid in sorted({e.uuid for e in edits if e.uuid is not None}):
        kept = spool.record(uuid)
        if kept is not None:
            edited.append(ExportRecord(data=kept[0], provenance=kept[1], checksum=kept[2]))
    return tuple(edited)
