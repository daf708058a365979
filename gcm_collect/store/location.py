"""Where a database is: its SQLite URI, built for every path flavour a laptop gives.

``Path.as_uri()`` makes ``file://server/share/db.sqlite3`` of a Windows network path, and
SQLite refuses any authority but "localhost" ("invalid uri authority"); SQLite's own form for
``\\\\server\\share`` is an empty authority and a path starting with two slashes."""

from __future__ import annotations

import sys
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


# -- folders where a database is at risk ---------------------------------------------------
# SQLite's WAL mode needs shared memory and byte-range locks that network file systems fake
# or break (sqlite.org/wal.html: "WAL does not work over a network filesystem"), and sync
# clients copy the database and its -wal file at different moments, so a copy on another
# machine (or the file restored "from the cloud") can be corrupt without anyone noticing.

NETWORK = "network"
# A folder a sync client keeps, by a name in its path: what the client calls it.
SYNCED_FOLDERS = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),  # G:\My Drive: Google Drive for desktop
    ("mobile documents", "iCloud Drive"),  # ~/Library/Mobile Documents
    ("icloud drive", "iCloud Drive"),
    ("box sync", "Box"),
)
# Linux mounts of remote file systems (/proc/mounts' third field).
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "fuse.rclone", "davfs"}
)


def risky_place(path: PurePath, *, mounts: str | None = None) -> str | None:
    """What holds ``path`` if it is not a plain local disk: a sync client's name ("OneDrive",
    "Dropbox", "iCloud Drive", ...) or NETWORK; None on a local disk. ``mounts``: the text of
    /proc/mounts (Linux; read when None)."""
    for part in path.parts:
        lowered = part.casefold()
        for marker, client in SYNCED_FOLDERS:
            if lowered == marker or lowered.startswith(marker + " -"):
                return client  # "OneDrive - United Nations" (a work account)
    if lowered_path_has(path, ("library", "cloudstorage")):
        return "OneDrive" if "onedrive" in str(path).casefold() else "iCloud Drive"
    if isinstance(path, PureWindowsPath) and path.drive.startswith("\\\\"):
        return NETWORK
    if isinstance(path, PurePosixPath) and _on_network_mount(path, mounts):
        return NETWORK
    return None


def lowered_path_has(path: PurePath, run: tuple[str, ...]) -> bool:
    parts = [p.casefold() for p in path.parts]
    return any(tuple(parts[i : i + len(run)]) == run for i in range(len(parts)))


def _on_network_mount(path: PurePosixPath, mounts: str | None) -> bool:
    if mounts is None:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
                mounts = handle.read()
        except OSError:
            return False  # not Linux
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind in NETWORK_FILE_SYSTEMS


def _windows_network_drive(path: Path) -> bool:
    # A mapped drive (Z: -> \\server\share) looks local by its name; Windows knows.
    if sys.platform != "win32" or not path.drive:
        return False
    import ctypes

    DRIVE_REMOTE = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(path.drive + "\\") == DRIVE_REMOTE)


def database_place(path: Path) -> str | None:
    """``risky_place`` of a database file on this system (a mapped network drive included)."""
    absolute = path.absolute()
    found = risky_place(absolute)
    if found is None and _windows_network_drive(absolute):
        return NETWORK
    return found


def place_warning(path: Path) -> str | None:
    """The warning to show for a database in a network or synced folder, else None."""
    from gcm_collect.i18n import _

    place = database_place(path)
    if place is None:
        return None
    if place == NETWORK:
        return _(
            "this database is on a network drive: SQLite cannot guarantee it there, and "
            "answers may be lost or damaged. Keep it on this laptop's own disk."
        )
    return _(
        "this database is in a folder that {service} synchronises: a copy made while it is "
        "being written can be damaged. Keep it outside that folder; make backups instead."
    ).format(service=place)
