"""Start-up of the Qt shell: application object, language and direction, the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gcm_collect.app import a11y, crash, messages
from gcm_collect.app.languages import apply_language
from gcm_collect.errors import UserError
from gcm_collect.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language, translator


def desktop_language() -> str:
    """The first of the desktop's UI languages that is a UN language (Windows, macOS and Linux
    alike, where the environment variables Babel reads are often unset), else English."""
    for tag in QLocale.system().uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def _daily_backup(store, db_path: Path) -> None:
    """At most one automatic backup a day, the last 7 kept; a failure must not block work."""
    from gcm_collect.ops.backups import daily_backup

    try:
        daily_backup(store, keep=7)  # its time is shown in the status bar
    except UserError as error:
        print(error, file=sys.stderr)


def _ask_profile_on_first_run(window, store) -> None:
    """The officer's name goes into every audit row and new submission: ask it once."""
    from gcm_collect.app import actions
    from gcm_collect.ops.submissions import get_profile

    if get_profile(store) is None:
        QTimer.singleShot(0, lambda: actions.preferences(window, first_run=True))


class _AfterFirstPaint(QObject):
    """Calls ``then()`` once ``window`` is on screen with its contents (its list included)."""

    def __init__(self, window: QWidget, then) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Children (the list) paint in the same pass, before this call.
            QTimer.singleShot(0, self.then)
        return False


def _settle_memory() -> None:
    """Start-up runs without the garbage collector (``launch``): what it built lives as long as
    the app, so it is set aside for good and collection resumes for the rest (once)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _report_shown(app: QApplication) -> None:
    # For start-up checks and benchmarks (GCM_COLLECT_EXIT_AFTER_SHOW): the window is up.
    print("window shown", flush=True)
    app.quit()


def confirm_new_database(db_path: Path) -> bool:
    """A database file named by the user that does not exist: create it only if asked to (a
    mistyped ``--db`` must not silently open an empty database)."""
    if db_path.exists():
        return True
    question = _(
        "There is no database at {path}.\n\nCreate a new, empty database there? (If you meant "
        "an existing one, choose No and check the path.)"
    ).format(path=db_path)
    return messages.ask(None, _("GCM Collect"), question)


def one_writer(db_path: Path) -> QLockFile | None:
    """The database's lock for this window (``NAME.lock`` beside it), or None, after saying so,
    when another GCM Collect window has it open: two windows on one database would each keep
    writing over the other's answers. A lock left by a process that died (a crash, kill -9) is
    taken over; one that cannot be made (a read-only folder) does not stop the app."""
    lock = QLockFile(str(db_path.with_name(db_path.name + ".lock")))
    lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
    if lock.tryLock(500):
        return lock
    if lock.error() != QLockFile.LockError.LockFailedError:
        return lock  # not held by anyone: the folder refuses the file (opening will say more)
    messages.show_error(
        None,
        _("GCM Collect"),
        _(
            "{path}: this database is already open in another GCM Collect window. Use that "
            "window, or close it and open the database again."
        ).format(path=db_path),
    )
    return None


def open_store(db_path: Path):
    """The database; an encrypted one asks its passphrase first (unless GCM_COLLECT_PASSPHRASE
    gives it), again after a wrong one, until it opens (None: the officer cancelled)."""
    from gcm_collect.store import Store, cipher

    given = os.environ.get(cipher.PASSPHRASE_ENV)  # start-up checks and scripts
    if given or not cipher.is_encrypted(db_path):
        return Store.open(db_path, passphrase=given or None)
    from gcm_collect.app.passphrase_dialog import ask_passphrase

    return ask_passphrase(db_path, lambda passphrase: Store.open(db_path, passphrase=passphrase))


def run(db_path: Path, language_given: str | None = None, ask_new: bool = False) -> int:
    from gcm_collect.app.main_window import MainWindow

    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(sys.argv)
    crash.catch_all()  # from here on, an unexpected error is logged and told, not lost
    app.setApplicationName("GCM Collect")
    app.setPalette(a11y.make_placeholders_legible(app.palette()))  # WCAG 1.4.3, any theme
    # Before any window: Qt keeps the first interface it makes for a menu item.
    a11y.install_factory()
    app.setOrganizationName("GCM Collect")
    if language_given is None:
        from gcm_collect.environment import forced_language

        # The desktop's language until the database tells the officer's choice (a problem
        # opening the database is told in it too).
        translator.set_language(forced_language() or desktop_language())
    apply_language(app, language())
    exit_after_show = bool(os.environ.get("GCM_COLLECT_EXIT_AFTER_SHOW"))
    # Start-up checks (exit after show) ask nothing, as they skip the first-run profile.
    if ask_new and not exit_after_show and not confirm_new_database(db_path):
        return 1
    lock = one_writer(db_path)
    if lock is None:
        return 1
    try:
        store = open_store(db_path)
    except UserError as error:
        messages.show_error(None, _("GCM Collect"), str(error))
        return 1
    if store is None:  # the passphrase was not given
        lock.unlock()
        return 1
    saved = store.get_setting("language") if language_given is None else None
    if saved and saved != language():
        translator.set_language(saved)
        apply_language(app, language())
    _daily_backup(store, db_path)
    window = MainWindow(store)

    def shown() -> None:
        _settle_memory()
        if exit_after_show:
            _report_shown(app)

    _AfterFirstPaint(window, shown)
    # A window started minimised paints later: the collector must not wait for it.
    QTimer.singleShot(3000, _settle_memory)
    window.show()
    if not exit_after_show:
        _ask_profile_on_first_run(window, store)
    status = app.exec()
    store.close()
    lock.unlock()
    return status
