"""How far the whole survey is answered: required answers given of those asked for now."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from gcm_collect.app.form.sections import Tally
from gcm_collect.i18n import ngettext


class SurveyProgress(QProgressBar):
    """A bar with "45 of 59 required answers" on it; follows relevance (a question that stops
    applying leaves the count) and is read out by screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress")
        self.setMinimumWidth(220)
        self.setTextVisible(True)
        self.tally = Tally()

    def show_tally(self, tally: Tally) -> None:
        self.tally = tally
        self.setMaximum(max(tally.required, 1))
        self.setValue(tally.answered if tally.required else 1)
        text = self.text_for(tally)
        self.setFormat(text.replace("%", "%%"))
        self.setMinimumWidth(max(220, self.fontMetrics().horizontalAdvance(text) + 24))
        self.setToolTip(text)
        self.setAccessibleName(text)

    @staticmethod
    def text_for(tally: Tally) -> str:
        text = ngettext(
            "{answered} of {n} required answer",
            "{answered} of {n} required answers",
            tally.required,
        ).format(answered=tally.answered, n=tally.required)
        if tally.to_confirm:
            text += " · " + ngettext("{n} to confirm", "{n} to confirm", tally.to_confirm).format(
                n=tally.to_confirm
            )
        return text

    def retranslate(self) -> None:
        self.show_tally(self.tally)
