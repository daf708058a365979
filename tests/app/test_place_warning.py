"""The main window says, in red that reads, when its database sits in a synced or network
folder, for as long as it is there; not a word otherwise."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from gcm_collect.app.a11y import contrast
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store


def open_window(qtbot, path):
    from gcm_collect.app.main_window import MainWindow

    store = Store.open(path)
    ensure_builtin(store)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win, store


def test_a_database_in_dropbox_is_warned_about_in_the_status_bar(qtbot, tmp_path):
    (tmp_path / "Dropbox").mkdir()
    win, store = open_window(qtbot, tmp_path / "Dropbox" / "gcm.sqlite3")
    try:
        label = win.place_warning
        assert label.isVisible()
        assert "Dropbox" in label.text() and label.accessibleName() == label.text()
        palette = label.palette()
        shown = palette.color(QPalette.WindowText)
        assert contrast(shown, win.statusBar().palette().color(QPalette.Window)) >= 4.5
    finally:
        win.close()
        store.close()


def test_a_database_on_the_laptop_s_own_disk_gets_no_warning(qtbot, tmp_path):
    win, store = open_window(qtbot, tmp_path / "gcm.sqlite3")
    try:
        assert not win.place_warning.isVisible() and win.place_warning.text() == ""
    finally:
        win.close()
        store.close()
