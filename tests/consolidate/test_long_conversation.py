"""An officer's database may hold review comments of any length and number (they arrive in
return files signed by any key): its export and the regional workbook made from it must still
read. Long repetitive text compresses some 1000:1, which the zip-bomb ratio check once refused
in our own exports, so that nothing the officer exported could be read any more."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import _uuid, open_store, record  # noqa: E402

from gcm_collect.cli import main  # noqa: E402
from gcm_collect.conversation import Comment, Conversation  # noqa: E402
from gcm_collect.safezip import MAX_RATIO  # noqa: E402
from gcm_collect.workbook import read_export  # noqa: E402
from gcm_collect.workbook.cells import CELL_LIMIT  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read

LONGEST = 2_000_000  # one comment far longer than a cell shows, as an attack sent it
MANY = 30  # and comments as long as a cell holds, adding up in the same hidden part


def _officer(folder: Path) -> Path:
    store = open_store(folder, "officer.sqlite")
    sid = _uuid(0)
    with store.atomic():
        store.put_submission(record(0, state="FRA", status="finalized"), who="test")
    comments = [Comment.new(sid, 1, "lead_entity", "Lars", "y" * LONGEST, "2026-01-02")]
    comments += [
        Comment.new(sid, 1, "lead_entity", "Lars", "y" * CELL_LIMIT, f"2026-01-02T10:{i:02d}")
        for i in range(MANY)
    ]
    store.save_conversation(Conversation(tuple(comments), ()), who="test")
    store.close()
    return folder / "officer.sqlite"


def _cli(db: Path, *args: str, capsys) -> str:
    code = 0
    try:
        main(["--db", str(db), "--lang", "en", *args])
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    return out.out + out.err


def _best_ratio(path: Path) -> float:
    with zipfile.ZipFile(path) as z:
        return max(i.file_size / max(i.compress_size, 1) for i in z.infolist())


def test_an_export_of_a_long_repetitive_conversation_reads_back(tmp_path, capsys):
    officer = _officer(tmp_path)
    exported = tmp_path / "FRA.xlsx"
    _cli(officer, "export", "--out", str(exported), capsys=capsys)
    assert _best_ratio(exported) > MAX_RATIO  # what the old check refused

    reviewer = tmp_path / "reviewer.sqlite"
    _cli(reviewer, "import", str(exported), capsys=capsys)
    regional = tmp_path / "regional.xlsx"
    _cli(reviewer, "consolidate", str(exported), "--out", str(regional), capsys=capsys)

    _cli(tmp_path / "again.sqlite", "import", str(regional), capsys=capsys)
    back = read_export(regional).conversation  # the regional workbook carries it whole
    assert sorted(len(c.text) for c in back.comments) == [CELL_LIMIT] * MANY + [LONGEST]
