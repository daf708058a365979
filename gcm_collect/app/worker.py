"""Long work off the UI thread: a QThread running one job, a progress dialog with Cancel.

A job is ``job(progress, cancelled) -> result``: it calls ``progress(done, total)`` now and
then and stops (by raising, or returning early) once ``cancelled()`` is true. It runs in another
thread, so it must open its own ``Store``: SQLite connections never cross threads.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gcm_collect.app import messages
from gcm_collect.errors import UserError
from gcm_collect.i18n import _

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]


class Task(QThread):
    """One job on its own thread. Exactly one of ``succeeded``, ``failed`` or ``cancelled``
    is emitted when it ends, then ``done``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def is_cancelled(self) -> bool:
        return self._cancel

    def run(self) -> None:
        try:
            result = self._job(self.progressed.emit, self.is_cancelled)
        except UserError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - reported, never silently lost
            if self._cancel:
                self.cancelled.emit()
            else:
                traceback.print_exc(file=sys.stderr)
                self.failed.emit(
                    _("unexpected error: {error}").format(error=f"{type(error).__name__}: {error}")
                )
        else:
            if self._cancel:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.done.emit()


def run_task(
    parent: QWidget,
    title: str,
    job: Job,
    on_success: Callable[[Any], None] | None = None,
    *,
    show_errors: bool = True,
) -> Task:
    """Start ``job`` in a Task with a window-modal progress dialog; returns the Task.

    The window stays responsive (paints, moves) while the job runs; Cancel asks the job to
    stop. A failure is shown as one message box with the one-line error.
    """
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = Task(job, parent)
    _running.add(task)  # keep the Python object alive until it ends

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def on_failed(message: str) -> None:
        if show_errors:
            messages.show_error(parent, title, message)

    def on_done() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def on_finished() -> None:
        # QThread.finished comes after run() has returned: only then may the object go.
        _running.discard(task)
        task.deleteLater()

    task.progressed.connect(on_progress)
    task.failed.connect(on_failed)
    if on_success is not None:
        task.succeeded.connect(on_success)
    task.done.connect(on_done)
    task.finished.connect(on_finished)
    dialog.canceled.connect(task.cancel)
    task.start()
    return task


_running: set[Task] = set()


def busy() -> bool:
    """A task is still running (its own database connection open)."""
    return bool(_running)
