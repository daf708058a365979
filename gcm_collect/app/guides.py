"""Help: the bundled guides, read offline in a window of the app, and the data folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gcm_collect.i18n import N_

# The guides, as the repository holds them; the bundle (build.spec) copies them under guides/.
GUIDES = (
    ("README.md", N_("Guide for field &officers")),
    ("docs/reviewers.md", N_("Guide for &reviewers (regional commissions)")),
    ("docs/forms.md", N_("Guide for &form authors (XLSForm)")),
    ("docs/translating.md", N_("Guide for &translators")),
)


def guides_folder() -> Path:
    """Where the guides are: beside the package in a checkout, ``guides/`` in the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "guides"
    return Path(__file__).resolve().parents[2]


class GuideDialog(QDialog):
    """One guide, from its Markdown file: nothing is fetched, the pictures are local files."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(title)
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(title)
        self.text.setOpenExternalLinks(False)  # offline: a web address is not followed
        self.text.setSearchPaths([str(path.parent)])  # the guide's own pictures
        self.text.setMarkdown(path.read_text(encoding="utf-8"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def open_guide(parent: QWidget, relative: str, title: str) -> GuideDialog | None:
    path = guides_folder() / relative
    if not path.is_file():
        return None
    dialog = GuideDialog(path, title.replace("&", ""), parent)
    dialog.show()
    return dialog


def open_data_folder(folder: Path) -> bool:
    """Show the folder of the database and its backups in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
