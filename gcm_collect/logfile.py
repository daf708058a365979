"""The app's log file, in the user data folder: where an unexpected error leaves its trace.

The windowed programs (``GCM Collect.exe``, the macOS ``.app``) have no console: what they
print to stderr is lost, so a failure must be written somewhere an officer can send to
support. One file, ``<data folder>/logs/gcm-collect.log``, kept small (three of 1 MB); only
what went wrong, never answers.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

LOGGER = "gcm_collect"
MAX_BYTES = 1_000_000
KEPT = 3


def log_path() -> Path:
    from gcm_collect.environment import data_dir

    return data_dir() / "logs" / "gcm-collect.log"


def logger() -> logging.Logger:
    """The app's logger, writing to the log file from its first use (nothing if the folder
    cannot be made: a log must never be why the app fails)."""
    log = logging.getLogger(LOGGER)
    path = log_path()
    for old in [h for h in log.handlers if getattr(h, "gcm_log", None) is not None]:
        if old.gcm_log == path:  # type: ignore[attr-defined]
            return log
        log.removeHandler(old)  # the data folder moved (another user's, a test's)
        old.close()
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        from gcm_collect.store.private import private_folder

        private_folder(path.parent)  # file names in it may say who the reviewers are
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=KEPT, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.gcm_log = path  # type: ignore[attr-defined]
    log.addHandler(handler)
    return log


def log_failure(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> Path:
    """Write an unexpected error with its traceback to the log; returns the log's path."""
    from gcm_collect import __version__

    text = "".join(traceback.format_exception(kind, error, trace))
    logger().error("unexpected error (GCM Collect %s)\n%s", __version__, text.rstrip())
    for handler in logger().handlers:
        handler.flush()
    return log_path()
