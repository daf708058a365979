"""The data folder's ACL on Windows (store/private.py): the commands, built and parsed here;
run for real on Windows only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gcm_collect.store.private import (
    SYSTEM_SID,
    icacls_command,
    private_folder,
    sid_from_whoami,
    windows_private,
)

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


def test_the_acl_grants_the_user_and_system_only_and_drops_inheritance(monkeypatch):
    monkeypatch.setenv("SystemRoot", r"D:\WINDOWS")
    folder = Path(r"C:\Users\Amina Diallo\AppData\Local\GCM Collect")
    assert icacls_command(folder, SID) == [
        r"D:\WINDOWS\System32\icacls.exe",  # never a bare name: not one in the current folder
        r"C:\Users\Amina Diallo\AppData\Local\GCM Collect",  # one argument, spaces and all
        "/inheritance:r",
        "/grant:r",
        f"*{SID}:(OI)(CI)F",
        f"*{SYSTEM_SID}:(OI)(CI)F",
        "/Q",
    ]


@pytest.mark.parametrize(
    "output, sid",
    [
        (f'"laptop\\amina","{SID}"\r\n', SID),
        (f'"UN, Geneva\\o\'brien","{SID}"\n', SID),  # a comma and a quote in the name
        ("", None),
        ("ERROR: access denied\n", None),
    ],
)
def test_the_users_sid_is_read_from_whoami(output, sid):
    assert sid_from_whoami(output) == sid


class Recorder:
    """Stands for subprocess.run: records each command; fails where told."""

    def __init__(self, whoami: str = f'"pc\\a","{SID}"', fail: str | None = None):
        self.commands: list[list[str]] = []
        self.whoami, self.fail = whoami, fail

    def __call__(self, command, **options):
        self.commands.append(command)
        if command[0].endswith(f"\\{self.fail}.exe"):
            raise subprocess.CalledProcessError(5, command)
        return subprocess.CompletedProcess(command, 0, stdout=self.whoami)


def test_whoami_then_icacls_with_the_users_sid(tmp_path, monkeypatch):
    monkeypatch.delenv("SystemRoot", raising=False)
    run = Recorder()
    assert windows_private(tmp_path, run) is True
    assert run.commands == [
        [r"C:\Windows\System32\whoami.exe", "/user", "/fo", "csv", "/nh"],
        icacls_command(tmp_path, SID),
    ]


@pytest.mark.parametrize("fail", ["whoami", "icacls"])
def test_a_failing_command_leaves_the_folder_as_it_was(tmp_path, fail):
    run = Recorder(fail=fail)
    assert windows_private(tmp_path, run) is False
    assert len(run.commands) == (1 if fail == "whoami" else 2)


def test_no_sid_no_acl_change(tmp_path):
    run = Recorder(whoami="nonsense")
    assert windows_private(tmp_path, run) is False
    assert len(run.commands) == 1


@pytest.mark.skipif(sys.platform != "win32", reason="icacls is Windows'")
def test_a_new_data_folder_is_private_on_windows(tmp_path):
    folder = tmp_path / "data"
    private_folder(folder)
    listed = subprocess.run(["icacls", str(folder)], capture_output=True, text=True).stdout
    assert "(I)" not in listed  # nothing inherited from the parent
    assert "(OI)(CI)(F)" in listed
