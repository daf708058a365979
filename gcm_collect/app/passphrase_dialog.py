"""The passphrase of an encrypted database: asked before the main window, or when encryption
is turned on or off in Preferences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.a11y import announce, name_by_visible_words, problem_color, tint
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.errors import UserError
from gcm_collect.i18n import N_, _

T = TypeVar("T")

UNLOCK, CHOOSE, CONFIRM = "unlock", "choose", "confirm"


class PassphraseDialog(QDialog):
    """One passphrase (twice when one is chosen); ``attempt`` is tried with it on OK and its
    UserError (a wrong passphrase) is shown in the dialog, which stays open for another try."""

    def __init__(
        self,
        path: Path,
        attempt: Callable[[str], object],
        *,
        mode: str = UNLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.attempt = attempt
        self.result_value: object = None
        titles = {
            UNLOCK: _("Encrypted database"),
            CHOOSE: _("Encrypt the database"),
            CONFIRM: _("Turn encryption off"),
        }
        intros = {
            UNLOCK: _("This database is encrypted. Type its passphrase to open it:\n{path}"),
            CHOOSE: _(
                "Choose a passphrase for this database and its backups:\n{path}\n\nKeep it "
                "safe: without it the answers cannot be read, by anyone, ever. GCM Collect "
                "asks it at every start."
            ),
            CONFIRM: _(
                "Type the passphrase to store this database unencrypted again:\n{path}\n\n"
                "Anyone who can read the file can then read the answers."
            ),
        }
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        # The path isolated: it keeps its own left-to-right order inside an Arabic sentence.
        self.introLabel = QLabel(intros[mode].format(path=f"\u2068{path}\u2069"), self)
        self.introLabel.setWordWrap(True)
        layout.addWidget(self.introLabel)
        rows = QFormLayout()
        self.passphraseEdit = self._field(rows, _("&Passphrase:"))
        self.repeatEdit = self._field(rows, _("&Repeat it:")) if mode == CHOOSE else None
        layout.addLayout(rows)
        self.problemLabel = QLabel(self)
        self.problemLabel.setWordWrap(True)
        tint(self.problemLabel, problem_color(self.palette()))
        self.problemLabel.hide()
        layout.addWidget(self.problemLabel)
        self.buttonBox = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = {UNLOCK: N_("Open"), CHOOSE: N_("Encrypt"), CONFIRM: N_("Decrypt")}[mode]
        ButtonTexts(self.buttonBox, ok=ok)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        layout.addWidget(self.buttonBox)
        name_by_visible_words(self)
        # Wide enough for the wrapped texts and a message below, in every language.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.passphraseEdit.setFocus()

    def _field(self, rows: QFormLayout, label: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        caption = QLabel(label, self)
        caption.setBuddy(edit)
        rows.addRow(caption, edit)
        return edit

    def _tell(self, problem: str) -> None:
        self.problemLabel.setText(problem)
        self.problemLabel.show()
        announce(self.problemLabel, problem, urgent=True)  # away from the focus: read it out
        self.passphraseEdit.selectAll()
        self.passphraseEdit.setFocus()

    def accept(self) -> None:
        passphrase = self.passphraseEdit.text()
        if not passphrase:
            return self._tell(_("Type the passphrase."))
        if self.repeatEdit is not None and self.repeatEdit.text() != passphrase:
            return self._tell(_("The two passphrases differ."))
        try:
            self.result_value = self.attempt(passphrase)
        except UserError as error:
            return self._tell(error.message)
        super().accept()


def ask_passphrase(
    path: Path, attempt: Callable[[str], T], *, mode: str = UNLOCK, parent: QWidget | None = None
) -> T | None:
    """What ``attempt`` returned for the first passphrase it accepted; None when cancelled."""
    dialog = PassphraseDialog(path, attempt, mode=mode, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value  # type: ignore[return-value]
