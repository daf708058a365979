"""An encrypted database: the passphrase asked before the main window, and encryption turned
on and off in Preferences (real SQLCipher files, real key presses)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gcm_collect.app.passphrase_dialog import PassphraseDialog
from gcm_collect.demo.generate import generate
from gcm_collect.i18n import set_language
from gcm_collect.store import Store, cipher
from gcm_collect.store.encrypting import encrypt

PASSPHRASE = "open 'sesame', now"  # QTest types ASCII only


def when_asked(qtbot, *steps: Callable[[PassphraseDialog], None]) -> list[PassphraseDialog]:
    """Once the passphrase dialog is up (modal), run ``steps`` on it, in order."""
    seen: list[PassphraseDialog] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        for step in steps:
            step(dialog)

    QTimer.singleShot(0, act)
    return seen


def typed(qtbot, text: str, field: str = "passphraseEdit"):
    def step(dialog: PassphraseDialog) -> None:
        edit = getattr(dialog, field)
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        if field == "passphraseEdit" and dialog.repeatEdit is not None:
            return
        qtbot.keyClick(edit, Qt.Key_Return)

    return step


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "officer.sqlite3"
    with Store.open(path) as store:
        generate(store, 3, seed=2)
    encrypt(path, PASSPHRASE)
    cipher.remember(path, None)  # as at a new start: nothing known
    return path


def test_the_app_asks_the_passphrase_again_after_a_wrong_one(qtbot, encrypted) -> None:
    from gcm_collect.app.application import open_store

    problems: list[str] = []
    seen = when_asked(
        qtbot,
        typed(qtbot, "sesame"),
        lambda dialog: problems.append(dialog.problemLabel.text()),
        lambda dialog: problems.append(str(dialog.isVisible())),
        typed(qtbot, PASSPHRASE),
    )
    store = open_store(encrypted)
    assert seen and str(encrypted) in seen[0].introLabel.text()  # names the database
    assert problems == [
        "the passphrase does not open this database (or it is not a GCM Collect database)",
        "True",  # still open for another try
    ]
    assert store is not None
    with store:
        assert store.count_submissions() == 3


def test_the_main_window_comes_after_the_passphrase(qtbot, encrypted, monkeypatch) -> None:
    from gcm_collect.app.application import run

    monkeypatch.setenv("GCM_COLLECT_EXIT_AFTER_SHOW", "1")  # no first-run questions
    monkeypatch.delenv(cipher.PASSPHRASE_ENV, raising=False)
    after: list[str] = []

    def shown(*args) -> int:
        # Instead of the event loop (a quit one would end the next tests' dialogs): what is
        # shown now, then closed before run() closes the database under it.
        for widget in QApplication.topLevelWidgets():
            after.append(widget.objectName())
            widget.close()
            widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        return 0

    monkeypatch.setattr(QApplication, "exec", shown)
    windows: list[str] = []
    when_asked(
        qtbot,
        lambda dialog: windows.extend(w.objectName() for w in QApplication.topLevelWidgets()),
        typed(qtbot, PASSPHRASE),
    )
    assert run(encrypted, language_given="en") == 0
    assert "MainWindow" not in windows  # asked before the main window existed
    assert "MainWindow" in after


def test_the_message_is_in_the_officers_language(qtbot, encrypted) -> None:
    from gcm_collect.app.application import open_store

    set_language("fr")
    try:
        problems: list[str] = []
        when_asked(
            qtbot,
            typed(qtbot, "sesame"),
            lambda dialog: problems.append(dialog.problemLabel.text()),
            lambda dialog: dialog.reject(),
        )
        assert open_store(encrypted) is None  # cancelled: no window, nothing opened
    finally:
        set_language("en")
    assert problems == [
        "la phrase secrète n’ouvre pas cette base de données "
        "(ou ce n’est pas une base de données GCM Collect)"
    ]


def test_preferences_encrypt_then_decrypt_the_open_database(qtbot, store) -> None:
    from gcm_collect.app.preferences import PreferencesDialog

    path = store.path
    generate(store, 2, seed=4)
    before = [store.get_record(s.uuid) for s in store.list_submissions()]
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "not encrypted" in dialog.encryptionLabel.text()

    mismatch: list[str] = []
    when_asked(
        qtbot,
        typed(qtbot, "one thing"),
        typed(qtbot, "another", field="repeatEdit"),
        lambda d: mismatch.append(d.problemLabel.text()),
        typed(qtbot, PASSPHRASE),
        typed(qtbot, PASSPHRASE, field="repeatEdit"),
    )
    qtbot.mouseClick(dialog.encryptionButton, Qt.LeftButton)
    assert mismatch == ["The two passphrases differ."]
    assert cipher.is_encrypted(path)
    assert "are encrypted" in dialog.encryptionLabel.text()
    assert dialog.encryptionButton.text() == "Turn encryption &off…"
    # The window goes on working on the same, now encrypted, database.
    first = before[0]["uuid"]
    store.set_answer(first, "notes", "written after encrypting", who="t")
    cipher.remember(path, None)
    with Store.open(path, passphrase=PASSPHRASE) as again:
        assert again.get_answers(first)["notes"] == "written after encrypting"
    cipher.remember(path, PASSPHRASE)

    when_asked(qtbot, typed(qtbot, PASSPHRASE))
    qtbot.mouseClick(dialog.encryptionButton, Qt.LeftButton)
    assert not cipher.is_encrypted(path)
    assert "not encrypted" in dialog.encryptionLabel.text()
    assert len(store.list_submissions()) == len(before)


def test_no_conversion_while_an_import_runs(qtbot, store, told) -> None:
    import threading

    from gcm_collect.app.preferences import PreferencesDialog
    from gcm_collect.app.worker import busy, run_task

    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    release = threading.Event()
    run_task(dialog, "Importing…", lambda progress, cancelled: release.wait(30))
    try:
        qtbot.mouseClick(dialog.encryptionButton, Qt.LeftButton)  # no passphrase asked
    finally:
        release.set()
        qtbot.waitUntil(lambda: not busy(), timeout=30_000)
    assert told.errors == ["An import or export is still running: try again once it has finished."]
    assert not cipher.is_encrypted(store.path)
