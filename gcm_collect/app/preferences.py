"""Preferences: the officer profile (asked on first run), the app language, and encryption of
the database at rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from gcm_collect.app import messages
from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.app.languages import switch_language
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.app.worker import busy
from gcm_collect.i18n import LANGUAGES, N_, _, language
from gcm_collect.ops.submissions import OfficerProfile, get_profile, set_profile
from gcm_collect.store import Store
from gcm_collect.vocabulary import NATIVE_NAMES

if TYPE_CHECKING:  # load_ui sets the Designer file's children as attributes: their types
    from gcm_collect.app.designer.preferences import Ui_PreferencesDialog
else:
    Ui_PreferencesDialog = object


class PreferencesDialog(QDialog, Ui_PreferencesDialog):  # the Ui class: for the type checker
    def __init__(self, store: Store, parent: QWidget | None = None, *, first_run: bool = False):
        super().__init__(parent)
        load_ui("preferences.ui", self)
        ButtonTexts(self.buttonBox, ok=N_("OK"))
        self.store = store
        self.first_run = first_run
        for code in LANGUAGES:
            self.languageCombo.addItem(NATIVE_NAMES[code], code)
        self.languageCombo.setCurrentIndex(LANGUAGES.index(language()))
        profile = get_profile(store) or OfficerProfile()
        self.nameEdit.setText(profile.name)
        self.positionEdit.setText(profile.position)
        self.emailEdit.setText(profile.email)
        self.nameEdit.textChanged.connect(self._check)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.encryptionButton.clicked.connect(self.toggle_encryption)
        # An in-memory database (tests) has no file to encrypt.
        self.encryptionBox.setVisible(store.path is not None)
        self.retranslate()
        self.nameEdit.setFocus()

    def profile(self) -> OfficerProfile:
        return OfficerProfile(
            self.nameEdit.text().strip(),
            self.positionEdit.text().strip(),
            self.emailEdit.text().strip(),
        )

    def _check(self, *args: object) -> None:
        # A name is needed: it is what the audit log records for every change.
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.nameEdit.text().strip())
        )

    def accept(self) -> None:
        if not self.profile().name:
            return
        set_profile(self.store, self.profile())
        code = self.languageCombo.currentData()
        super().accept()
        if code != language() or self.first_run:
            switch_language(self.store, code)

    def encrypted(self) -> bool:
        from gcm_collect.store import cipher

        return self.store.path is not None and cipher.is_encrypted(self.store.path)

    def toggle_encryption(self) -> None:
        """Encrypt with a passphrase chosen twice, or decrypt with the passphrase typed again;
        the database is converted in place, the window keeps working on it."""
        from gcm_collect.app.passphrase_dialog import CHOOSE, CONFIRM, ask_passphrase
        from gcm_collect.ops.encryption import convert_open

        path = self.store.path
        if path is None:
            return
        if busy():  # its connection would go on writing to the file being replaced
            messages.show_error(
                self,
                _("Encryption at rest"),
                _("An import or export is still running: try again once it has finished."),
            )
            return
        encrypting = not self.encrypted()

        def convert(passphrase: str) -> bool:
            convert_open(self.store, passphrase, encrypt=encrypting)
            return True

        mode = CHOOSE if encrypting else CONFIRM
        if ask_passphrase(path, convert, mode=mode, parent=self):
            self._show_encryption()

    def _show_encryption(self) -> None:
        if self.encrypted():
            self.encryptionLabel.setText(
                _(
                    "This database and its backups are encrypted: GCM Collect asks the "
                    "passphrase at every start. Without it the answers are lost."
                )
            )
            self.encryptionButton.setText(_("Turn encryption &off…"))
        else:
            self.encryptionLabel.setText(
                _(
                    "This database is not encrypted: anyone who can read the file (a stolen "
                    "laptop, another user of it) can read the answers."
                )
            )
            self.encryptionButton.setText(_("En&crypt the database…"))

    def retranslate(self) -> None:
        retranslate_ui(self)
        self._show_encryption()
        if self.first_run:
            self.setWindowTitle(_("Welcome to GCM Collect"))
        self._check()
        name_by_visible_words(self)
