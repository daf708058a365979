"""Where a database is: its SQLite URI, built for every path flavour a laptop gives.

``Path.as_uri()`` makes ``file://server/share/db.sqlite3`` of a Windows network path, and
SQLite refuses any authority but "localhost" ("invalid uri authority"); SQLite's own form for
``\\\\server\\share`` is an empty authority and a path starting with two slashes."""

from __future__ import annotations

from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import quote

_EXTENDED = "\\\\?\\"  # \\?\C:\... and \\?\UNC\server\share\...: Windows' long-path prefix


def sqlite_uri(path: PurePath, **query: str) -> str:
    """The ``file:`` URI SQLite opens ``path`` by (an absolute path), with ``query``
    parameters (``mode="ro"``). Works on any system for any flavour, for tests."""
    if isinstance(path, PureWindowsPath):
        text = str(path)
        if text.startswith(_EXTENDED + "UNC\\"):
            text = "\\\\" + text[len(_EXTENDED + "UNC\\") :]
        elif text.startswith(_EXTENDED):
            text = text[len(_EXTENDED) :]
        windows = PureWindowsPath(text)
        parts = windows.as_posix()  # //server/share/... or C:/...
        if windows.drive.startswith("\\\\"):
            body = "//" + parts.lstrip("/")  # file:////server/share/...
        else:
            body = "/" + parts  # file:///C:/...
    else:
        body = PurePosixPath(path).as_posix()
    # Everything but the separators and the drive's colon is percent-encoded: "#", "?" and
    # "%" in a folder name would otherwise end or garble the path; non-ASCII goes as UTF-8.
    uri = "file://" + quote(body, safe="/:")
    if query:
        uri += "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
    return uri


def database_uri(path: Path, **query: str) -> str:
    """The URI of a database file on this system (made absolute)."""
    return sqlite_uri(path.absolute(), **query)
