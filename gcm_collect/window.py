"""Opening the window: what ``gcm-collect`` with no command does, whether it came through the
quick path (gcm_collect.launch) or through click (gcm_collect.cli, whose group opens it too).
Both import this module, so neither imports the other's definitions."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class AppArguments(NamedTuple):
    db_path: Path | None
    language: str | None
    debug: bool


def open_window(arguments: AppArguments) -> int:
    """What ``gcm-collect`` does with no command: pick the language and database, open both."""
    from gcm_collect.environment import default_database_path, forced_language, no_display
    from gcm_collect.errors import UserError
    from gcm_collect.i18n import DEFAULT_LANGUAGE, _, set_language

    # Until the database tells the officer's choice (or the desktop's, asked from Qt), messages
    # about opening it speak the language given, if any.
    set_language(arguments.language or forced_language() or DEFAULT_LANGUAGE)
    if no_display():  # one line, not Qt's plugin error and a core dump
        raise UserError(
            _(
                "there is no display to open the window on (DISPLAY is not set); "
                "the commands work without one: gcm-collect --help"
            )
        )
    from gcm_collect.app import run_app

    db_path = arguments.db_path or default_database_path()
    # A database named on the command line that does not exist may be a mistyped path: asked.
    return run_app(
        db_path, language_given=arguments.language, ask_new=arguments.db_path is not None
    )
