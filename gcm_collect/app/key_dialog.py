"""Help > Device key: who this installation signs as, and its key card to hand out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.keys import KeyCard, write_card
from gcm_collect.ops.keys import card_lines, key_card
from gcm_collect.store import Store


class KeyDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyDialog")
        self.setWindowTitle(_("Device key"))
        self.store = store
        self.card: KeyCard = key_card(store)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Every workbook this installation writes is signed with this key. Hand the "
                "key card to your regional commission and read them the fingerprint over the "
                "phone, so they know your workbooks are yours."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in card_lines(self.card):
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if value == self.card.fingerprint:  # what is read out over the phone: large
                font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                font.setPointSizeF(shown.font().pointSizeF() * 1.4)
                font.setBold(True)
                shown.setFont(font)
            self.values[label] = shown
            rows.addRow(label, shown)
        layout.addLayout(rows)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.saveButton = QPushButton(_("&Save key card…"), self)
        self.buttons.addButton(self.saveButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.saveButton.clicked.connect(self.ask_and_save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def ask_and_save(self) -> Path | None:
        suggested = f"gcm-collect-key-{self.card.fingerprint[:9].replace(' ', '')}.json"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save key card"), suggested, _("Key cards (*.json)")
        )
        return self.save(Path(path)) if path else None

    def save(self, path: Path) -> Path | None:
        from gcm_collect.app.messages import show_error, show_info

        try:
            written = write_card(self.card, path)
        except UserError as exc:
            show_error(self, _("Save key card"), str(exc))
            return None
        show_info(
            self,
            _("Save key card"),
            _("The key card was saved to {path}.").format(path=written),
        )
        return written
