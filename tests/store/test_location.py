"""A database opened by its SQLite URI from every kind of path a laptop gives: a Windows
network share (``\\\\server\\share``), a drive, the long-path prefix, and folder names with
"#", "?", "%", spaces and Arabic. The Windows flavours are built with PureWindowsPath (no
Windows here); SQLite itself parses every URI of this file."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from gcm_collect.store import Store
from gcm_collect.store.location import place_warning, risky_place, sqlite_uri
from gcm_collect.store.schema import connect_read_only


@pytest.mark.parametrize(
    "path, uri",
    [
        (r"\\server\share\data\gcm.sqlite3", "file:////server/share/data/gcm.sqlite3"),
        (
            r"\\un-fs01.un.org\GCM Reviews\ECE\review.sqlite3",
            "file:////un-fs01.un.org/GCM%20Reviews/ECE/review.sqlite3",
        ),
        (
            r"C:\Users\Amina Diallo\GCM\db #1.sqlite3",
            "file:///C:/Users/Amina%20Diallo/GCM/db%20%231.sqlite3",
        ),
        (r"D:\100% done?\gcm.sqlite3", "file:///D:/100%25%20done%3F/gcm.sqlite3"),
        (r"\\?\C:\very\long\gcm.sqlite3", "file:///C:/very/long/gcm.sqlite3"),
        (r"\\?\UNC\server\share\gcm.sqlite3", "file:////server/share/gcm.sqlite3"),
        (
            r"C:\المراجعات\فرنسا.sqlite3",
            "file:///C:/%D8%A7%D9%84%D9%85%D8%B1%D8%A7%D8%AC%D8%B9%D8%A7%D8%AA/"
            "%D9%81%D8%B1%D9%86%D8%B3%D8%A7.sqlite3",
        ),
    ],
)
def test_windows_paths_become_uris_sqlite_accepts(path, uri):
    built = sqlite_uri(PureWindowsPath(path), mode="ro")
    assert built == uri + "?mode=ro"
    # What pathlib gives a share, and SQLite refuses: an authority.
    if path.startswith(r"\\server"):
        assert PureWindowsPath(path).as_uri().startswith("file://server/")


def test_sqlite_refuses_pathlib_s_share_uri_and_takes_ours(tmp_path):
    # SQLite's own parser: an authority other than localhost is refused on every system;
    # the empty authority with a path of two leading slashes (ours) is taken.
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file://server/share/gcm.sqlite3?mode=ro", uri=True)
    db = tmp_path / "gcm.sqlite3"
    sqlite3.connect(db).close()
    posix = "file:///" + str(db)  # file:////tmp/...: "//tmp" is "/tmp" on POSIX
    sqlite3.connect(posix + "?mode=ro", uri=True).execute("SELECT 1").close()


@pytest.mark.parametrize("folder", ["reviews #2", "100% done?", "المراجعات", "a&b=c"])
def test_a_database_in_an_awkward_folder_opens_read_only(tmp_path, folder):
    db = tmp_path / folder / "gcm.sqlite3"
    db.parent.mkdir()
    Store.open(db).close()
    conn = connect_read_only(db, timeout=1)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE t(x)")
    finally:
        conn.close()
    assert sqlite_uri(PurePosixPath(db)).startswith("file:///")


def test_a_posix_path_keeps_its_slashes():
    assert sqlite_uri(PurePosixPath("/home/amina/GCM/db.sqlite3")) == (
        "file:///home/amina/GCM/db.sqlite3"
    )


def test_database_file_names_windows_keeps_for_devices_are_refused(tmp_path):
    from gcm_collect.errors import UserError

    for name in ("CON.sqlite3", "nul.sqlite3", "Com1.db", "lpt9.sqlite3", "aux"):
        with pytest.raises(UserError, match="device") as refused:
            Store.open(tmp_path / name)
        assert refused.value.path == str(tmp_path / name)
        assert not (tmp_path / name).exists()
    Store.open(tmp_path / "console.sqlite3").close()  # only the exact device names
    assert Path(tmp_path / "console.sqlite3").exists()


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
//un-fs01/reviews /mnt/reviews cifs rw,vers=3.0 0 0
nas:/export/gcm /home/amina/Shared\\040GCM nfs4 rw 0 0
/dev/sdb1 /mnt/reviews/usb vfat rw 0 0
"""


@pytest.mark.parametrize(
    "path, place",
    [
        (PureWindowsPath(r"C:\Users\amina\OneDrive\GCM\gcm.sqlite3"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\amina\OneDrive - United Nations\gcm.sqlite3"), "OneDrive"),
        (PureWindowsPath(r"D:\Dropbox\GCM\gcm.sqlite3"), "Dropbox"),
        (PureWindowsPath(r"G:\My Drive\x.sqlite3"), "Google Drive"),
        (PureWindowsPath(r"\\un-fs01\reviews\gcm.sqlite3"), "network"),
        (PureWindowsPath(r"C:\Users\amina\AppData\Roaming\gcm-collect\gcm.sqlite3"), None),
        (
            PurePosixPath("/Users/amina/Library/Mobile Documents/com~apple~CloudDocs/gcm.sqlite3"),
            "iCloud Drive",
        ),
        (
            PurePosixPath("/Users/amina/Library/CloudStorage/OneDrive-UnitedNations/g.sqlite3"),
            "OneDrive",
        ),
        (PurePosixPath("/Users/amina/Dropbox/g.sqlite3"), "Dropbox"),
        (PurePosixPath("/mnt/reviews/ece/g.sqlite3"), "network"),
        (PurePosixPath("/home/amina/Shared GCM/g.sqlite3"), "network"),
        (PurePosixPath("/mnt/reviews/usb/g.sqlite3"), None),  # a USB stick inside the share
        (PurePosixPath("/home/amina/.local/share/gcm-collect/gcm.sqlite3"), None),
        (PurePosixPath("/home/amina/OneDriveNotes/g.sqlite3"), None),  # only the exact name
    ],
)
def test_network_and_synced_folders_are_recognised(path, place):
    assert risky_place(path, mounts=MOUNTS) == place


def test_the_command_line_warns_about_a_synced_folder_and_still_works(tmp_path, capsys):
    from gcm_collect import cli

    db = tmp_path / "OneDrive - United Nations" / "gcm.sqlite3"
    db.parent.mkdir()
    with pytest.raises(SystemExit) as ended:
        cli.main(["--db", str(db), "demo", "--submissions", "1"])
        raise SystemExit(0)
    assert ended.value.code in (0, None)
    err = capsys.readouterr().err
    assert err.startswith(f"warning: {db}: this database is in a folder that OneDrive")
    assert place_warning(tmp_path / "gcm.sqlite3") is None
