"""Preferences: the officer profile (asked on first run) and the app language."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.app.languages import switch_language
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.i18n import LANGUAGES, N_, _, language
from gcm_collect.ops.submissions import OfficerProfile, get_profile, set_profile
from gcm_collect.store import Store
from gcm_collect.vocabulary import NATIVE_NAMES


class PreferencesDialog(QDialog):
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
        self.buttonBox.button(QDialogButtonBox.Ok).setEnabled(bool(self.nameEdit.text().strip()))

    def accept(self) -> None:
        if not self.profile().name:
            return
        set_profile(self.store, self.profile())
        code = self.languageCombo.currentData()
        super().accept()
        if code != language() or self.first_run:
            switch_language(self.store, code)

    def retranslate(self) -> None:
        retranslate_ui(self)
        if self.first_run:
            self.setWindowTitle(_("Welcome to GCM Collect"))
        self._check()
        name_by_visible_words(self)
