"""Reading one untrusted file in a child process, under its own memory and time limits.

The container checks (safezip.py) bound what a file may hold, but a file under every
limit can still make a reader take gigabytes (a workbook of 40 million small cells: python-
calamine aborted the whole process when it could not allocate them), and a fault inside a
reader takes down whatever process it runs in. So each workbook is read in a child: whatever
happens there (an abort, a crash, memory or processor time running out) becomes one line
about that file, and the run (a consolidation of 200 workbooks, the app itself) goes on.

One child serves many files (starting Python costs more than most files); it is started on
first use, restarted after a failure, and each call gets its limits afresh:

- memory: at most ``memory`` bytes of address space beyond what the child holds before the
  call (``RLIMIT_AS``, POSIX only; ``GCM_COLLECT_INPUT_MEMORY_MB`` raises or lowers it);
- processor time: ``cpu_seconds`` (``RLIMIT_CPU``, POSIX), and ``wall_seconds`` of waiting
  everywhere, for a child blocked without using the processor.

On Windows there are no resource limits without a job object (pywin32): the child still keeps
a crash or a hang away from the run, but a file's memory is bounded only by the container
checks. See docs/security.md.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import _, language, set_language

if sys.platform != "win32":  # spelled so mypy --platform win32 checks the rest as Windows
    import resource

MB = 1024**2


def _memory_from_environment() -> int:
    try:
        return max(64, int(os.environ.get("GCM_COLLECT_INPUT_MEMORY_MB", "1024"))) * MB
    except ValueError:
        return 1024 * MB


@dataclass(frozen=True)
class ChildLimits:
    """What reading one file may take, beyond what the child already holds."""

    memory: int = 1024 * MB  # bytes of address space
    cpu_seconds: int = 300
    wall_seconds: int = 900

    @classmethod
    def default(cls) -> ChildLimits:
        return cls(memory=_memory_from_environment())


class ChildFailed(UserError):
    """The child died or ran out of time reading a file: one line, naming the limits."""


def _address_space() -> int:
    """Bytes of address space the process holds now (0 on Windows: no limits there)."""
    if sys.platform != "win32":  # blocks, not early returns: mypy --platform win32 skips them
        try:
            with open("/proc/self/statm", encoding="ascii") as statm:
                return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:  # not Linux: the peak resident size is the best guess
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return peak if os.uname().sysname == "Darwin" else peak * 1024
    return 0


def _limit(limits: ChildLimits) -> None:
    if sys.platform != "win32":
        used = resource.getrusage(resource.RUSAGE_SELF)
        _lower(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + limits.cpu_seconds)
        _lower(resource.RLIMIT_AS, _address_space() + limits.memory)


def _lower(which: int, soft: int) -> None:
    """The soft limit at ``soft``, or at the hard limit the child was given if lower (a
    ``ulimit`` of the user's: kept, never raised)."""
    if sys.platform != "win32":
        hard = resource.getrlimit(which)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))


def _unlimit() -> None:
    if sys.platform != "win32":
        for which in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
            hard = resource.getrlimit(which)[1]
            resource.setrlimit(which, (hard, hard))


def _serve(conn: Any) -> None:
    """The child's loop: one call at a time, each under its limits, until the pipe closes."""
    # What a dying reader prints (Rust's "memory allocation failed" and its backtrace) is not
    # for the user: the parent says it in one line.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    while True:
        try:
            function, args, lang, limits, streamed = conn.recv()
        except (EOFError, OSError):
            return
        set_language(lang)
        try:
            _limit(limits)
            try:
                if streamed:  # each item crosses as soon as it is made: memory stays flat
                    for item in function(*args):
                        conn.send(("item", item))
                    reply: tuple = ("ok", None)
                else:
                    reply = ("ok", function(*args))
            finally:
                _unlimit()
        except UserError as exc:
            reply = ("user", exc.message, exc.path)
        except MemoryError:
            _unlimit()
            reply = ("memory",)
        except Exception as exc:  # noqa: BLE001 - reported as one line about the file
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except MemoryError:
            _unlimit()
            conn.send(("memory",))


class Child:
    """A child process calling functions on untrusted files, one at a time (thread-safe)."""

    def __init__(self, limits: ChildLimits | None = None) -> None:
        self.limits = limits or ChildLimits.default()
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None

    def call(self, path: Any, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in the child. A UserError raised there is raised here; anything
        else going wrong there is a ChildFailed naming ``path``."""
        with self._lock:
            self._start()
            self._send(path, function, args, False)
            reply = self._receive(path)
        return self._result(reply, path)

    def stream(
        self, path: Any, function: Callable[..., Iterable[Any]], *args: Any
    ) -> Generator[Any, None, None]:
        """The items of the iterator ``function(*args)`` makes in the child, each as it comes
        (the child waits while the pipe is full), under the same limits for the whole run.
        Errors as ``call``. Closing this iterator early stops the child (it is started again
        for the next call)."""
        with self._lock:
            self._start()
            self._send(path, function, args, True)
            finished = False
            try:
                while True:
                    reply = self._receive(path)
                    if reply[0] != "item":
                        finished = True
                        break
                    yield reply[1]
            finally:
                if not finished:  # abandoned half-way: the child is still sending
                    self._stop()
        self._result(reply, path)

    def _send(self, path: Any, function: Callable[..., Any], args: tuple, streamed: bool) -> None:
        try:
            self._conn.send((function, args, language(), self.limits, streamed))
        except (EOFError, OSError, BrokenPipeError):
            status = self._stop()
            raise ChildFailed(self._died(status), path) from None

    def _receive(self, path: Any) -> tuple:
        try:
            if not self._conn.poll(self.limits.wall_seconds):
                self._stop()
                raise ChildFailed(self._too_long(self.limits.wall_seconds), path)
            return self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            status = self._stop()
            raise ChildFailed(self._died(status), path) from None

    def _result(self, reply: tuple, path: Any) -> Any:
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "user":
            raise UserError(reply[1], reply[2] if reply[2] is not None else path)
        if kind == "memory":
            raise ChildFailed(self._too_big(), path)
        raise ChildFailed(
            _("the workbook cannot be read: {problem}").format(problem=reply[1]), path
        )

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                self._conn.close()
                self._process.join(5)
                self._stop()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        self._conn, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self._process.start()
        theirs.close()

    def _stop(self) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        if process.is_alive():
            process.kill()
        process.join()
        self._conn.close()
        return process.exitcode

    def _too_big(self) -> str:
        return _(
            "reading it needs more than {mb} MB of memory, the most one file may take; the file "
            "is damaged or made to harm"
        ).format(mb=self.limits.memory // MB)

    def _too_long(self, seconds: int) -> str:
        return _(
            "reading it takes more than {seconds} seconds, the most one file may take; the file "
            "is damaged or made to harm"
        ).format(seconds=seconds)

    def _died(self, status: int | None) -> str:
        if status is not None and status == -getattr(signal, "SIGXCPU", 0):
            return self._too_long(self.limits.cpu_seconds)
        if status is not None and status == -getattr(signal, "SIGABRT", 0):
            return self._too_big()  # a reader that cannot allocate aborts
        return _(
            "the reader stopped on this file (exit status {status}); the file is damaged or "
            "made to harm"
        ).format(status=status)


_shared: Child | None = None
_shared_lock = threading.Lock()


def shared_child() -> Child:
    """The child every reading of an untrusted workbook goes through, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Child()
        return _shared


def close_shared() -> None:
    """Stop the shared child, if started (so its resources are counted and freed now)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


class InProcess:
    """A stand-in for Child calling in this process: what reading cost before isolation
    (bench/isolation.py compares the two)."""

    def call(self, path: Any, function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)

    def stream(
        self, path: Any, function: Callable[..., Iterable[Any]], *args: Any
    ) -> Generator[Any, None, None]:
        yield from function(*args)
