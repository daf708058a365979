"""File ▸ Return reviews: which reviewed workbook, where the return files go, who signs the
decisions and at which level (the national focal point or the regional commission), as
``gcm-collect return REVIEWED.xlsx --out DIR --reviewer NAME --level national|regional``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.i18n import N_, _
from gcm_collect.vocabulary import LEVEL_TITLES, LEVELS, REGIONAL


@dataclass(frozen=True)
class ReturnChoice:
    reviewed: Path
    folder: Path
    reviewer: str
    level: str


class ReturnDialog(QDialog):
    """Asks what ``ops.review.return_reviews`` takes; ``choice()`` once accepted."""

    def __init__(self, parent: QWidget | None = None, *, reviewer: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.reviewed_label, self.reviewed, self.reviewed_browse = self._path_row(form)
        self.reviewed.setObjectName("returnReviewed")
        self.folder_label, self.folder, self.folder_browse = self._path_row(form)
        self.folder.setObjectName("returnFolder")
        self.reviewer_label = QLabel(self)
        self.reviewer = QLineEdit(reviewer, self)
        self.reviewer.setObjectName("returnReviewer")
        self.reviewer_label.setBuddy(self.reviewer)
        form.addRow(self.reviewer_label, self.reviewer)
        self.level_label = QLabel(self)
        self.level = QComboBox(self)
        self.level.setObjectName("returnLevel")
        self.level_label.setBuddy(self.level)
        form.addRow(self.level_label, self.level)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ButtonTexts(self.buttons, N_("&Write return files"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reviewed_browse.clicked.connect(self.browse_reviewed)
        self.folder_browse.clicked.connect(self.browse_folder)
        self.retranslate()
        self.level.setCurrentIndex(LEVELS.index(REGIONAL))  # the commission's, as the CLI's

    def _path_row(self, form: QFormLayout) -> tuple[QLabel, QLineEdit, QPushButton]:
        label = QLabel(self)
        edit = QLineEdit(self)
        button = QPushButton(self)
        label.setBuddy(edit)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        form.addRow(label, row)
        return label, edit, button

    def retranslate(self) -> None:
        self.setWindowTitle(_("Return reviews"))
        self.intro.setText(
            _(
                "The decisions and comments of a reviewed workbook, one signed return file per "
                "State and period, for the officers to import."
            )
        )
        self.reviewed_label.setText(_("Reviewed wor&kbook:"))
        self.reviewed_browse.setText(_("&Browse…"))
        self.reviewed_browse.setAccessibleName(_("Browse: reviewed workbook"))
        self.folder_label.setText(_("&Folder for the return files:"))
        self.folder_browse.setText(_("C&hoose…"))
        self.folder_browse.setAccessibleName(_("Choose: folder for the return files"))
        self.reviewer_label.setText(_("&Reviewer:"))
        self.level_label.setText(_("&Level:"))
        chosen = self.level.currentData()
        self.level.clear()
        for code in LEVELS:
            self.level.addItem(_(LEVEL_TITLES[code]), code)
        if chosen is not None:
            self.level.setCurrentIndex(max(self.level.findData(chosen), 0))
        name_by_visible_words(self)

    def browse_reviewed(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Return reviews"),
            self.reviewed.text() or str(Path.home()),
            _("Reviewed workbooks (*.xlsx)"),
        )
        if name:
            self.reviewed.setText(name)
            if not self.folder.text():
                self.folder.setText(str(Path(name).parent))

    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            _("Folder for the return files"),
            self.folder.text() or str(Path(self.reviewed.text()).parent),
        )
        if folder:
            self.folder.setText(folder)

    def choice(self) -> ReturnChoice:
        return ReturnChoice(
            Path(self.reviewed.text().strip()),
            Path(self.folder.text().strip()),
            self.reviewer.text().strip(),
            self.level.currentData() or REGIONAL,
        )

    def _accept(self) -> None:
        """Closed only with a workbook and a folder that are there: said at once, here."""
        choice = self.choice()
        if not self.reviewed.text().strip() or not choice.reviewed.is_file():
            problem, field = _("Choose the reviewed workbook."), self.reviewed
        elif not self.folder.text().strip() or not choice.folder.is_dir():
            problem, field = _("Choose a folder that exists for the return files."), self.folder
        else:
            self.accept()
            return
        messages.show_error(self, _("Return reviews"), problem)
        field.setFocus()
