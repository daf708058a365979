"""The field officer's main window: the list of submissions on this laptop."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QTableView

from gcm_collect.app.submissions_model import SubmissionsModel
from gcm_collect.i18n import _, ngettext
from gcm_collect.store import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setObjectName("mainWindow")
        self.model = SubmissionsModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Submissions"))
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.setCentralWidget(self.table)
        self.location = QLabel(self)
        self.counts = QLabel(self)
        self.statusBar().addWidget(self.location, 1)
        self.statusBar().addPermanentWidget(self.counts)
        self.resize(1000, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("GCM Collect"))
        self.location.setText(_("Database: {path}").format(path=self.store.path))
        n = self.model.rowCount()
        self.counts.setText(ngettext("{n} submission", "{n} submissions", n).format(n=n))
        self.model.retranslate()
