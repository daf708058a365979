"""Putting a file in place when Windows says another program holds it: a re-export while the
old workbook is open in Excel, a scanner or OneDrive reading the fresh file for a moment.

The sharing violation is injected into ``os.replace`` (Windows' PermissionError, winerror 32;
Linux cannot produce one); everything else is real: the export, the workbook, the folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gcm_collect import cli, files
from gcm_collect.errors import UserError
from gcm_collect.files import FileInUse, held_by_another_program, replace, write_file

REAL_REPLACE = os.replace


def sharing_violation() -> PermissionError:
    error = PermissionError(
        errno.EACCES,
        "The process cannot access the file because it is being used by another process",
    )
    error.winerror = 32  # type: ignore[attr-defined]  # what Windows sets; POSIX has none
    return error


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(files, "WAITS", (0, 0, 0, 0, 0))


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as ended:
        cli.main([*args])
        raise SystemExit(0)
    return ended.value.code or 0, capsys.readouterr().err


@pytest.fixture
def exported(tmp_path, capsys):
    db, out = tmp_path / "db.sqlite3", tmp_path / "review.xlsx"
    assert run(capsys, "--db", str(db), "demo", "--submissions", "3", "--seed", "2")[0] == 0
    assert run(capsys, "--db", str(db), "export", "--out", str(out), "--status", "draft")[0] == 0
    return db, out


def hold(monkeypatch, target: Path, times: int | None) -> list[str]:
    """``target`` held by "Excel": replacing onto it fails ``times`` times (None: always)."""
    tries: list[str] = []

    def replace_held(source, dest):
        if Path(dest) == target and (times is None or len(tries) < times):
            tries.append(str(source))
            raise sharing_violation()
        return REAL_REPLACE(source, dest)

    monkeypatch.setattr(os, "replace", replace_held)
    return tries


def test_a_workbook_open_in_excel_is_named_and_left_as_it_was(
    tmp_path, capsys, monkeypatch, exported, no_waiting
):
    db, out = exported
    before = out.read_bytes()
    tries = hold(monkeypatch, out, None)
    code, err = run(capsys, "--db", str(db), "--lang", "fr", "export", "--out", str(out))
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{out}: ") and "Excel" in err and "close" not in err  # in French
    assert "fermez-le" in err
    assert len(tries) == len(files.WAITS) + 1  # waited out, then told
    assert out.read_bytes() == before  # the officer's open copy is untouched
    assert load_workbook(out, read_only=True).sheetnames
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".", "~"))] == []


def test_a_scanner_holding_the_file_for_a_moment_is_waited_out(
    capsys, monkeypatch, exported, no_waiting
):
    db, out = exported
    before = out.read_bytes()
    tries = hold(monkeypatch, out, 2)
    code, err = run(
        capsys, "--db", str(db), "export", "--out", str(out), "--status", "draft", "--lang", "ar"
    )
    assert code == 0, err
    assert len(tries) == 2
    assert out.read_bytes() != before  # the new export, in Arabic
    assert any("\u0600" <= c <= "\u06ff" for c in load_workbook(out).sheetnames[0])


def test_other_failures_are_raised_as_they_came_and_the_cleanup_hides_nothing(
    tmp_path, monkeypatch
):
    target = tmp_path / "card.json"

    def full_disk(source, dest):
        raise OSError(errno.ENOSPC, "No space left on device")

    def cleanup_fails(self, missing_ok=False):
        raise PermissionError(errno.EACCES, "cleanup refused")

    monkeypatch.setattr(os, "replace", full_disk)
    monkeypatch.setattr(Path, "unlink", cleanup_fails)
    with pytest.raises(OSError) as raised:
        write_file(target, b"{}")
    assert raised.value.errno == errno.ENOSPC  # not the cleanup's PermissionError
    assert not target.exists()


def test_a_lasting_permission_problem_is_not_waited_for(tmp_path, monkeypatch):
    slept: list[float] = []

    def refused(source, dest):
        raise PermissionError(errno.EACCES, "Permission denied")  # POSIX: no winerror

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(PermissionError):
        replace(tmp_path / "a", tmp_path / "b", sleep=slept.append)
    assert slept == []


def test_which_errors_are_another_program_holding_the_file():
    assert held_by_another_program(sharing_violation())
    denied = PermissionError(errno.EACCES, "Access is denied")
    denied.winerror = 5  # type: ignore[attr-defined]  # replacing onto a file open in Excel
    assert held_by_another_program(denied)
    assert held_by_another_program(OSError(errno.EBUSY, "Device or resource busy"))
    assert not held_by_another_program(PermissionError(errno.EACCES, "Permission denied"))
    assert not held_by_another_program(OSError(errno.ENOSPC, "No space left on device"))


def test_file_in_use_is_a_user_error_naming_the_file(tmp_path, monkeypatch, no_waiting):
    monkeypatch.setattr(os, "replace", lambda s, d: (_ for _ in ()).throw(sharing_violation()))
    source = tmp_path / "new"
    source.write_bytes(b"x")
    with pytest.raises(FileInUse) as raised:
        replace(source, tmp_path / "old.xlsx")
    assert isinstance(raised.value, UserError)
    assert raised.value.path == str(tmp_path / "old.xlsx")
    assert source.exists()  # the caller's to remove


def test_every_writer_puts_files_in_place_through_the_one_helper():
    package = Path(cli.__file__).parent
    users = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "os.replace(" in p.read_text(encoding="utf-8")
    )
    # files.py itself; the catalog cache sits below it (i18n is the floor) and only writes
    # where a checkout is run from source.
    assert users == ["files.py", os.path.join("i18n", "catalogs.py")]


@pytest.mark.parametrize(
    "name",
    [
        "CON.xlsx",
        "con.xlsx",
        "PRN.sqlite3",
        "AUX.json",
        "NUL",
        "COM1.xlsx",
        "lpt3.docx",
        "COM\u00b9.xlsx",
        "CON .xlsx",
        "review.xlsx.",
        "review.xlsx ",
    ],
)
def test_names_windows_cannot_hold_are_refused_before_anything_is_written(tmp_path, name):
    with pytest.raises(UserError) as refused:
        write_file(tmp_path / name, b"answers")
    assert refused.value.path == str(tmp_path / name)
    assert list(tmp_path.iterdir()) == []  # not even the hidden temporary file


@pytest.mark.parametrize("name", ["CONTROL.xlsx", "console.xlsx", "com10.xlsx", "nul-list.xlsx"])
def test_names_that_only_look_like_devices_are_fine(tmp_path, name):
    write_file(tmp_path / name, b"answers")
    assert (tmp_path / name).read_bytes() == b"answers"


def test_an_export_named_con_is_refused_at_once_naming_it(tmp_path, capsys):
    db, out = tmp_path / "db.sqlite3", tmp_path / "CON.xlsx"
    assert run(capsys, "--db", str(db), "demo", "--submissions", "2")[0] == 0
    code, err = run(capsys, "--db", str(db), "export", "--out", str(out))
    assert (
        code == 1
        and err
        == f"{out}: CON.xlsx is a name Windows keeps for a device; choose another file name\n"
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_write_beside_puts_a_whole_file_in_place_with_the_mode_asked(tmp_path):
    # Documents, the Hub workbook, return files and XLSForms are all written this way.
    shared, private = tmp_path / "report.docx", tmp_path / "review.xlsx"
    umask = os.umask(0o022)
    try:
        files.write_beside(shared, lambda scratch: scratch.write_bytes(b"report"))
        files.write_beside(private, lambda scratch: scratch.write_bytes(b"review"), private=True)
    finally:
        os.umask(umask)
    assert shared.read_bytes() == b"report" and private.read_bytes() == b"review"
    assert (shared.stat().st_mode & 0o777, private.stat().st_mode & 0o777) == (0o644, 0o600)

    def half_written(scratch: Path) -> None:
        scratch.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        files.write_beside(shared, half_written)
    assert shared.read_bytes() == b"report"  # the old file as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "review.xlsx"]
