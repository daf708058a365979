"""Unexpected errors in the window: written to the log file and told in a message box.

PySide6 hands an exception raised in a slot or an event handler to ``sys.excepthook`` and
carries on; Python's default hook prints it to a stderr that the windowed programs do not
have, so the officer saw nothing and support had nothing. Here each one goes to the log
(``gcm_collect.logfile``) and the officer is told once, in their language, where it is."""

from __future__ import annotations

import sys
import threading
import traceback
from types import TracebackType

from gcm_collect.i18n import _
from gcm_collect.logfile import log_failure

_showing = False  # one box at a time: a failing paint would otherwise open one per repaint


def catch_all() -> None:
    """Route unexpected errors of this process (main and worker threads) to ``report``."""
    sys.excepthook = report
    threading.excepthook = lambda args: report(args.exc_type, args.exc_value, args.exc_traceback)


def report(
    kind: type[BaseException], error: BaseException | None, trace: TracebackType | None
) -> None:
    if error is None or issubclass(kind, (KeyboardInterrupt, SystemExit)):
        sys.__excepthook__(kind, error or kind(), trace)
        return
    path = log_failure(kind, error, trace)
    if sys.__stderr__ is not None:  # a console (a developer, the Linux command line)
        traceback.print_exception(kind, error, trace, file=sys.__stderr__)
    if threading.current_thread() is not threading.main_thread():
        return  # a box belongs to the main thread; the log has it
    tell(str(error) or kind.__name__, path)


def tell(error: str, log: object) -> None:
    """The one message box of an unexpected error (never raises)."""
    global _showing
    if _showing:
        return
    _showing = True
    try:
        from gcm_collect.app import messages

        messages.show_error(
            None,
            _("GCM Collect"),
            _(
                "Something went wrong that GCM Collect did not expect: {error}\n\n"
                "Answers already saved are safe. The details are in {log}; please send that "
                "file to your support contact."
            ).format(error=error, log=log),
        )
    except Exception:  # noqa: BLE001 - the box itself failed: the log has the error already
        pass
    finally:
        _showing = False


def tell_without_window(line: str, unexpected: tuple[str, object] | None) -> None:
    """Why the window did not open, in a message box: the windowed programs have no stderr.
    ``unexpected`` (error, log file) for a bug, else ``line`` is the user's one-line problem."""
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv[:1])
    if unexpected is not None:
        tell(*unexpected)
        return
    from gcm_collect.app import messages

    messages.show_error(None, _("GCM Collect"), line)
