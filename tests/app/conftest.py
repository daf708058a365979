"""Fixtures for the Qt shell: a real database file, the real main window (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "app.sqlite3") as opened:
        ensure_builtin(opened)
        opened.set_setting("officer_profile", {"name": "Test Officer", "position": "", "email": ""})
        opened.set_setting("officer", "Test Officer")
        yield opened


@pytest.fixture
def window(qtbot, store):
    from gcm_collect.app.main_window import MainWindow

    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Close before the store closes: nothing may paint from a closed database.
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


class Told:
    """What the app told or asked the user (message boxes never open in tests)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.answer = True
        self.choice: str | None = None  # the key messages.choose answers (None: the first)
        self.typed: str | None = None  # what messages.ask_text answers (None: what it offers)


@pytest.fixture(autouse=True)
def told(monkeypatch) -> Told:
    from gcm_collect.app import messages

    record = Told()
    monkeypatch.setattr(
        messages, "show_error", lambda parent, title, text: record.errors.append(text)
    )
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, text: record.infos.append(text)
    )

    def ask(parent, title, question) -> bool:
        record.questions.append(question)
        return record.answer

    monkeypatch.setattr(messages, "ask", ask)

    def choose(parent, title, question, choices) -> str | None:
        record.questions.append(question)
        if not record.answer:
            return None
        return record.choice or choices[0][0]

    monkeypatch.setattr(messages, "choose", choose)

    def ask_text(parent, title, label, text="") -> str | None:
        record.questions.append(label)
        if not record.answer:
            return None
        return text if record.typed is None else record.typed

    monkeypatch.setattr(messages, "ask_text", ask_text)
    return record
