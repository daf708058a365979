"""file questions: a document attached to the answer and kept in the database.

The dialogs are module-level functions so tests (and a future drag and drop) can replace them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gcm_collect.app.a11y import plain
from gcm_collect.app.form.questions.base import QuestionWidget
from gcm_collect.app.form.questions.numbers import app_locale
from gcm_collect.errors import UserError
from gcm_collect.forms import parse_file_value
from gcm_collect.i18n import _
from gcm_collect.ops.answers import MAX_FILE_BYTES, too_large_message


def choose_file(parent: QWidget, caption: str) -> str | None:
    """The file the officer picks to attach (None: cancelled)."""
    path, _chosen_filter = QFileDialog.getOpenFileName(parent, caption)
    return path or None


def choose_save_path(parent: QWidget, caption: str, suggested: str) -> str | None:
    """Where the officer wants a copy of an attached document (None: cancelled)."""
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested)
    return path or None


def size_text(size: int) -> str:
    """A file size the way the app's language writes it (12.5 KB, 12,5 Ko)."""
    return app_locale().formattedDataSize(size)


class FileInput(QuestionWidget):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(self.body)
        self.file_label.setObjectName("attachedFile")
        self.file_label.setWordWrap(True)
        row = QHBoxLayout()
        self.choose = QPushButton(self.body)
        self.choose.setObjectName("chooseFile")
        self.save = QPushButton(self.body)
        self.save.setObjectName("saveCopy")
        self.remove = QPushButton(self.body)
        self.remove.setObjectName("removeFile")
        for button in (self.choose, self.save, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(self.file_label)
        layout.addLayout(row)
        self._refused: str | None = None  # why the last chosen file was not attached
        self._editable_now = True
        self.choose.clicked.connect(self._choose)
        self.save.clicked.connect(self._save_copy)
        self.remove.clicked.connect(self._remove)

    # -- actions ------------------------------------------------------------------------------

    def _choose(self) -> None:
        path = choose_file(
            self, _("Attach a document: {question}").format(question=self.label_text())
        )
        if path:
            self.attach_path(path)

    def attach_path(self, path: str | os.PathLike[str]) -> bool:
        """Attach the file at ``path`` (checked, read, stored); False with a message if not."""
        name = Path(path).name
        try:
            size = os.path.getsize(path)
            if size > MAX_FILE_BYTES:
                raise UserError(too_large_message(size), name)
            data = Path(path).read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            self._refuse(
                str(UserError(_("cannot read the file: {reason}").format(reason=reason), name))
            )
            return False
        except UserError as error:
            self._refuse(str(error))
            return False
        self._refused = None
        if not self.commit_file(name, data):
            return False
        self.show_value(self.ctrl.answer(self.path))
        self.show_problem(self.ctrl.evaluation)
        return True

    def commit_file(self, name: str, data: bytes) -> bool:
        return self.ctrl.attach(self.path, name, data)

    def _refuse(self, message: str) -> None:
        self._refused = message
        self.show_problem(self.ctrl.evaluation)

    def _save_copy(self) -> None:
        value = self.ctrl.answer(self.path)
        ref = parse_file_value(value)
        if ref is None:
            return
        target = choose_save_path(self, _("Save a copy of {name}").format(name=ref.name), ref.name)
        if target:
            self.ctrl.save_attachment(value, target)

    def _remove(self) -> None:
        self._refused = None
        self.commit(None)
        self.show_value(None)
        self.show_problem(self.ctrl.evaluation)
        self.choose.setFocus()

    # -- display ------------------------------------------------------------------------------

    def show_value(self, value: Any) -> None:
        ref = parse_file_value(value)
        if ref is not None:
            self.file_label.setText(
                _("{name} ({size})").format(name=ref.name, size=size_text(ref.size))
            )
        elif value:
            self.file_label.setText(str(value))  # not a reference: the problem message says so
        else:
            self.file_label.setText(_("No document attached."))
        self._update_buttons()

    def show_problem(self, evaluation) -> None:
        if self._refused:
            self.message.setText(self._refused)
            self.message.show()
        else:
            super().show_problem(evaluation)

    def _update_buttons(self) -> None:
        attached = parse_file_value(self.ctrl.answer(self.path)) is not None
        self.choose.setEnabled(self._editable_now)
        self.save.setEnabled(attached)
        self.remove.setEnabled(self._editable_now and self.ctrl.answer(self.path) is not None)

    def set_editable(self, editable: bool) -> None:
        # A finalized submission's document can still be saved out: only changes are locked.
        self._editable_now = editable
        self._update_buttons()

    def retranslate_body(self) -> None:
        question = self.label_text()
        for button, text in (
            (self.choose, _("Choose file…")),
            (self.save, _("Save a copy…")),
            (self.remove, _("Remove")),
        ):
            button.setText(text)
            # The words on the button first (WCAG 2.5.3), then whose document it is.
            button.setAccessibleName(
                _("{choice}: {question}").format(choice=plain(text), question=question)
            )
        self.show_value(self.ctrl.answer(self.path))

    def input_name(self, widget: QWidget, name: str) -> str:
        return widget.accessibleName()  # "Choose a file to attach: ..."

    def inputs(self) -> list[QWidget]:
        return [self.choose]
