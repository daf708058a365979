"""Kill the app mid-typing: every answer it reported as written is in the database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gcm_collect.store import Store

TYPIST = Path(__file__).with_name("crash_typist.py")
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
@pytest.mark.parametrize("after", [30])
def test_sigkill_while_typing_loses_no_committed_answer(tmp_path, store, draft, after):
    db_path = store.path
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    printed: dict[str, object] = {}
    with subprocess.Popen(
        [sys.executable, str(TYPIST), str(db_path), draft],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as typist:
        try:
            assert typist.stdout is not None
            assert typist.stdout.readline().strip() == "ready"
            for _ in range(after):
                kind, path, value = typist.stdout.readline().rstrip("\n").split("\t")
                assert kind == "saved"
                printed[path] = json.loads(value)
            typist.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no goodbye
        finally:
            typist.kill()
            typist.wait(timeout=30)
    assert typist.returncode == (-signal.SIGKILL if os.name == "posix" else 1)
    with Store.open(db_path) as reopened:
        stored = reopened.get_answers(draft)
    assert printed
    for path, value in printed.items():
        # Typing only appends, so a write after the last line read can only extend the text.
        assert isinstance(stored.get(path), str), path
        assert stored[path].startswith(str(value)), (path, value, stored[path])
