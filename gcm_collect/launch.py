"""The process entry point: ``gcm-collect`` alone opens the window, anything else is the CLI.

Opening the window is what a field officer does many times a day, so it skips the command-line
library (click and every command's definitions, about 30 ms): when the arguments are only the
app's own options, spelled plainly and valid, the window opens directly. Anything else, errors
included, goes to ``gcm_collect.cli``, so help, usage errors and exit codes stay in one place.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from gcm_collect.window import AppArguments, open_window


def app_arguments(args: list[str]) -> AppArguments | None:
    """The window's options if ``args`` asks only for the window, else None (the CLI decides)."""
    from gcm_collect.i18n import LANGUAGES

    values: dict[str, str] = {}
    debug = False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--debug":
            debug = True
            continue
        name, equals, value = arg.partition("=")
        if name not in ("--db", "--lang") or name in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        values[name] = value
    language = values.get("--lang")
    if language is not None and language not in LANGUAGES:
        return None
    db = values.get("--db") or os.environ.get("GCM_COLLECT_DB") or None
    if db is not None and os.path.isdir(db):
        return None  # the CLI explains: a folder
    if db is not None and os.path.exists(db):
        from gcm_collect.files import can_read

        if not can_read(db):  # tried: os.access knows nothing of Windows' access lists
            return None  # the CLI explains: a file this user may not read
    return AppArguments(None if db is None else Path(db), language, debug)


def main() -> None:
    if getattr(sys, "frozen", False):
        # The bundle is also the reading child of gcm_collect/isolation.py: started with
        # multiprocessing's arguments, it must serve, not open the window or the CLI.
        import multiprocessing

        multiprocessing.freeze_support()
    arguments = app_arguments(sys.argv[1:])
    if arguments is None:
        from gcm_collect.cli import main as cli_main

        cli_main()
        return
    from gcm_collect.errors import UserError, describe_internal_error
    from gcm_collect.terminal import printable

    # Start-up allocates much and frees almost nothing: no collection until the window has
    # painted (about 4% of start-up); the app turns the collector back on then.
    gc.disable()
    try:
        status = open_window(arguments)
    except UserError as error:
        if arguments.debug:
            raise
        _tell(printable(str(error)), None)
        status = 1
    except Exception as error:  # a bug: one line unless the user asks for the traceback
        if arguments.debug:
            raise
        from gcm_collect.logfile import log_failure

        log = log_failure(type(error), error, error.__traceback__)
        _tell(describe_internal_error(error), (str(error), log))
        status = 1
    sys.exit(status)


def _tell(line: str, unexpected: tuple[str, Path] | None) -> None:
    """Say why the window did not open: on stderr, or in a message box for the windowed
    programs, which have no stderr (sys.stderr is None there; print would say nothing)."""
    if sys.stderr is not None:
        print(line, file=sys.stderr)
        return
    from gcm_collect.app.crash import tell_without_window  # Qt only in the app layer

    tell_without_window(line, unexpected)
