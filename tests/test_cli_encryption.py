"""`gcm-collect encrypt` / `decrypt` and an encrypted database at the command line: the
passphrase typed on a real terminal (a pseudo-terminal) without echo, or given to scripts in
GCM_COLLECT_PASSPHRASE; a missing or wrong one is one line naming the database."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gcm_collect.store import cipher

pytestmark = pytest.mark.slow  # the command line in child processes

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "tea at five o'clock"


def env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k != cipher.PASSPHRASE_ENV}
    return {**clean, "PYTHONPATH": str(ROOT), "GCM_COLLECT_LANG": "en", **extra}


def run(*args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", *args],
        capture_output=True,
        text=True,
        env=env(**extra),
        stdin=subprocess.DEVNULL,
    )


def on_terminal(args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the command on a pseudo-terminal, typing each answer after each prompt."""
    main, child_side = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "gcm_collect", *args],
        stdin=child_side,
        stdout=child_side,
        stderr=child_side,
        env=env(),
        close_fds=True,
    )
    os.close(child_side)
    screen = b""
    pending = list(answers)
    answered = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            # a new prompt since the last answer: the echo of Enter must not count as one
            if pending and screen[answered:].rstrip(b" ").endswith(b":"):
                os.write(main, pending.pop(0).encode() + b"\n")
                answered = len(screen)
        elif child.poll() is not None:
            break
    os.close(main)
    return child.wait(timeout=60), screen.decode("utf-8", "replace")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "officer.sqlite3"
    done = run("--db", str(path), "demo", "--submissions", "4")
    assert done.returncode == 0, done.stderr
    return path


def test_encrypt_and_decrypt_on_a_terminal_never_show_the_passphrase(database: Path) -> None:
    status, screen = on_terminal(["--db", str(database), "encrypt"], [PASSPHRASE, PASSPHRASE])
    assert status == 0, screen
    assert PASSPHRASE not in screen  # typed without echo
    assert f"New passphrase for {database}:" in screen
    assert f"{database}: encrypted" in screen and "Keep the passphrase safe" in screen
    assert cipher.is_encrypted(database)

    status, screen = on_terminal(["--db", str(database), "export", "--out", "x.xlsx"], ["wrong"])
    assert status == 1
    assert screen.strip().endswith(
        f"{database}: the passphrase does not open this database "
        "(or it is not a GCM Collect database)"
    )
    assert "Traceback" not in screen and "hmac" not in screen.lower()

    status, screen = on_terminal(["--db", str(database), "decrypt"], [PASSPHRASE])
    assert status == 0, screen
    assert not cipher.is_encrypted(database)


def test_two_different_passphrases_change_nothing(database: Path) -> None:
    status, screen = on_terminal(["--db", str(database), "encrypt"], [PASSPHRASE, "typo"])
    assert status == 1
    assert f"{database}: the two passphrases differ; nothing was changed" in screen
    assert not cipher.is_encrypted(database)


def test_scripts_give_the_passphrase_in_the_environment(database: Path, tmp_path: Path) -> None:
    assert run("--db", str(database), "encrypt", GCM_COLLECT_PASSPHRASE=PASSPHRASE).returncode == 0
    out = tmp_path / "out.xlsx"
    without = run("--db", str(database), "export", "--out", str(out))
    assert without.returncode == 1 and without.stdout == ""
    assert without.stderr == (
        f"{database}: this database is encrypted: give its passphrase "
        "(or set GCM_COLLECT_PASSPHRASE for scripts)\n"
    )
    wrong = run("--db", str(database), "export", "--out", str(out), GCM_COLLECT_PASSPHRASE="no")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1  # one line, no SQLCipher log
    assert not out.exists()
    right = run(
        "--db", str(database), "export", "--out", str(out), GCM_COLLECT_PASSPHRASE=PASSPHRASE
    )
    assert right.returncode == 0, right.stderr
    assert out.exists()
