"""Our own texts on a dialog's standard buttons ("Create", "Export"), in every language.

Qt gives standard buttons its own texts again on every language change, after the windows have
retranslated themselves: a button box labelled here is labelled once more right after that.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialogButtonBox

from gcm_collect.i18n import N_, _


class ButtonTexts(QObject):
    """The texts of a box's OK and Cancel buttons, as English sources marked with ``N_``."""

    def __init__(self, box: QDialogButtonBox, ok: str, cancel: str = N_("Cancel")) -> None:
        super().__init__(box)
        self.box = box
        self.texts = {
            QDialogButtonBox.StandardButton.Ok: ok,
            QDialogButtonBox.StandardButton.Cancel: cancel,
        }
        box.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        for which, source in self.texts.items():
            self.box.button(which).setText(_(source))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self.apply)  # once the box has put Qt's texts back
        return False
