"""The child process that reads untrusted files: whatever happens there is one line about the
file, and the next file is read by a fresh child (gcm_collect/isolation.py)."""

from __future__ import annotations

import os
import sys
import time

import pytest

from gcm_collect.errors import UserError
from gcm_collect.i18n import _, language, set_language
from gcm_collect.isolation import MB, Child, ChildFailed, ChildLimits

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")


# What a hostile file can make a reader do, as functions the child runs.
def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MB))


def spin() -> None:
    while True:
        pass


def sleep() -> None:
    time.sleep(3600)


def abort() -> None:
    os.abort()  # as python-calamine does when it cannot allocate a sheet's grid


def refuse() -> None:
    raise UserError(_("file not found"))


def pid_and_language() -> tuple[int, str]:
    return os.getpid(), language()


@pytest.fixture()
def child():
    made = Child(ChildLimits(memory=256 * MB, cpu_seconds=2, wall_seconds=60))
    yield made
    made.close()


def test_a_call_runs_in_another_process_in_the_callers_language(child):
    set_language("fr")
    pid, lang = child.call("f.xlsx", pid_and_language)
    assert pid != os.getpid() and lang == "fr"
    assert child.call("f.xlsx", pid_and_language)[0] == pid  # one child serves many files
    assert child.call("f.xlsx", allocate, 64) == 64 * MB


@pytest.mark.parametrize(
    "function, args, words",
    [
        (allocate, (1024,), "needs more than 256 MB of memory"),
        (abort, (), "needs more than 256 MB of memory"),
        (spin, (), "takes more than 2 seconds"),
    ],
    ids=["memory", "abort", "processor"],
)
def test_a_child_that_fails_is_one_line_and_the_next_call_works(child, function, args, words):
    first = child.call("f.xlsx", pid_and_language)[0]
    with pytest.raises(ChildFailed) as failed:
        child.call("bad.xlsx", function, *args)
    assert str(failed.value).startswith("bad.xlsx: ") and words in str(failed.value)
    assert "\n" not in str(failed.value)
    again = child.call("good.xlsx", pid_and_language)[0]
    assert again != os.getpid()
    if function is not allocate:  # a MemoryError is caught in the child, which lives on
        assert again != first


def test_a_child_that_hangs_is_stopped():
    child = Child(ChildLimits(memory=256 * MB, cpu_seconds=60, wall_seconds=2))
    try:
        with pytest.raises(ChildFailed, match="takes more than 2 seconds"):
            child.call("slow.xlsx", sleep)
        assert child.call("f.xlsx", allocate, 1) == MB
    finally:
        child.close()


def test_a_user_error_in_the_child_names_the_file(child):
    with pytest.raises(UserError) as refused:
        child.call("gone.xlsx", refuse)
    assert str(refused.value) == "gone.xlsx: file not found"
    assert not isinstance(refused.value, ChildFailed)


def test_the_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GCM_COLLECT_INPUT_MEMORY_MB", "2048")
    assert ChildLimits.default().memory == 2048 * MB
    monkeypatch.setenv("GCM_COLLECT_INPUT_MEMORY_MB", "lots")
    assert ChildLimits.default().memory == 1024 * MB
