"""Where things live on this machine, and which language a first run speaks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gcm_collect.i18n import DEFAULT_LANGUAGE, LANGUAGES

APP_NAME = "gcm-collect"


def data_dir() -> Path:
    """The user data folder (e.g. ``~/.local/share/gcm-collect`` on Linux)."""
    import platformdirs  # here, not at the top: opening the app with --db never needs it

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    """The database in the user data folder, which is made (or kept) private: owner only."""
    from gcm_collect.store.private import private_folder

    folder = data_dir()
    try:
        private_folder(folder)
    except OSError:
        pass  # opening the database says what is wrong with the folder, naming it
    return folder / "gcm-collect.sqlite3"


def no_display() -> bool:
    """True on Linux and other X11/Wayland systems when there is no screen to open the window
    on (no DISPLAY, no WAYLAND_DISPLAY, no platform chosen with QT_QPA_PLATFORM): Qt would
    abort with a plugin error. Windows and macOS always have theirs."""
    if sys.platform.startswith(("win", "darwin")):
        return False
    return not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    )


def default_backup_dir(database: Path) -> Path:
    """Backups sit beside the database, so a USB copy of the folder carries them along."""
    return database.parent / "backups"


def system_language() -> str | None:
    """The system's language when it is one of the six UN languages, else None."""
    from babel.core import default_locale  # here: a chosen language never needs the lookup

    code = default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
    if not code:
        return None
    language = code.split("_")[0].split("-")[0].lower()
    return language if language in LANGUAGES else None


def forced_language() -> str | None:
    """The language set by ``GCM_COLLECT_LANG``, if it is one of the six."""
    forced = os.environ.get("GCM_COLLECT_LANG")
    return forced if forced in LANGUAGES else None


def initial_language() -> str:
    """Language before any preference is known: the system's when it is a UN language."""
    return forced_language() or system_language() or DEFAULT_LANGUAGE
