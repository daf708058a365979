"""The review window (File ▸ Open for review…): the submissions of an export or a regional
workbook, read from its scratch review database (ops/reviewing.py), each opened read only in
the form view to comment and decide; then *Save return files…* writes what
``gcm-collect return`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.form.reviewer_panel import ReviewerPanel
from gcm_collect.app.worker import Task, run_task
from gcm_collect.conversation import DECISION_LABELS, LEVEL_LABELS, LEVELS
from gcm_collect.i18n import _, language, translator
from gcm_collect.ops import reviewing
from gcm_collect.reference import state_label
from gcm_collect.store import Store

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewWindow(QWidget):
    """``scratch``: the opened scratch review database (this window closes it); ``main``: the
    reviewer's own database, whose key signs the return files."""

    def __init__(self, main: Store, scratch: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.main, self.scratch = main, scratch
        self.forms: dict[str, Any] = {}  # uuid -> its form view (app.form.FormView)
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        self.about = QLabel(self)
        self.about.setObjectName("reviewAbout")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.about)
        top = QHBoxLayout()
        self.level_label = QLabel(self)
        self.level = QComboBox(self)
        self.level.setObjectName("reviewLevel")
        self.level_label.setBuddy(self.level)
        top.addWidget(self.level_label)
        top.addWidget(self.level)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(self)
        self.table.setObjectName("reviewSubmissions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("reviewOpen")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("reviewSave")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("reviewClose")
        bottom.addStretch(1)
        for button in (self.open_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout.addLayout(bottom)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.ask_folder)
        self.close_button.clicked.connect(self.close)
        self.level.activated.connect(self._level_chosen)
        self.retranslate()
        if self.table.rowCount():
            self.table.selectRow(0)
        listener = self._language_changed
        translator.on_change(listener)
        # Deleted with the main window, it gets no close event: stop listening all the same.
        self.destroyed.connect(lambda *_a: translator.off_change(listener))

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        source = reviewing.source_of(self.scratch)
        self.setWindowTitle(_("Review — {file}").format(file=Path(source.workbook).name))
        lines = [
            _("{file}: {signer}").format(file=source.workbook, signer=source.signer),
            _(
                "Read only: comment on a question with its Comment… button, decide on the left "
                "of the form, then save the return files for the officers."
            ),
            *source.problems,
        ]
        self.about.setText("\n".join(lines))
        self.level_label.setText(_("&Level of this review:"))
        self.level.clear()
        for code in LEVELS:
            self.level.addItem(_(LEVEL_LABELS[code]), code)
        self.level.setCurrentIndex(max(0, self.level.findData(source.level)))
        self.open_button.setText(_("&Open"))
        self.save_button.setText(_("&Save return files…"))
        self.close_button.setText(_("&Close"))
        self.table.setAccessibleName(_("Submissions"))
        self.fill()

    def fill(self) -> None:
        """The submissions, with the reviewer's decision and the comments on each."""
        chosen = self.selected_uuid()
        rows = reviewing.overview(self.scratch)
        headers = [
            _("State"),
            _("Period"),
            _("Revision"),
            _("Title"),
            _("Decision"),
            _("Comments"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            made = row.decision
            decided = _(DECISION_LABELS[made.code]) if made is not None else ""
            if made is not None and made.reason:
                decided += f": {made.reason}"
            state = f"{state_label(row.state, language())} ({row.state})"
            cells = [state, row.period, str(row.revision), row.title, decided, str(row.threads)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(UUID_ROLE, row.uuid)
                self.table.setItem(number, column, item)
            if row.uuid == chosen:
                self.table.selectRow(number)
        titled = any(row.title for row in rows)
        self.table.setColumnHidden(3, not titled)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3 if titled else 0, QHeaderView.ResizeMode.Stretch)

    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else str(item.data(UUID_ROLE))

    def _level_chosen(self, _index: int) -> None:
        reviewing.set_level(self.scratch, self.level.currentData())
        self.fill()
        for view in self.forms.values():
            view.review_panel.show_decision()

    def open_selected(self) -> Any:
        """The selected submission in the form view, read only, to comment and decide."""
        uuid = self.selected_uuid()
        return None if uuid is None else self.open_submission(uuid)

    def open_submission(self, uuid: str) -> Any:
        view = self.forms.get(uuid)
        if view is None:
            from gcm_collect.app.form import FormView  # lazily, as the main window does

            view = FormView(self.scratch, uuid, reviewing=True)
            panel = view.review_panel
            assert isinstance(panel, ReviewerPanel)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            panel.decided.connect(lambda _uuid: self.fill())
            panel.commented.connect(lambda _path: self.fill())
            view.destroyed.connect(lambda *_a, u=uuid: self.forms.pop(u, None))
            self.forms[uuid] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def ask_folder(self) -> Task | None:
        source = reviewing.source_of(self.scratch)
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the return files"), str(Path(source.workbook).parent)
        )
        if not folder:
            return None
        return self.save_to(Path(folder))

    def save_to(self, folder: Path) -> Task:
        """Write the return files in the background, each store on the job's own connection."""
        main_path, scratch_path = self.main.path, self.scratch.path

        def job(_progress, _cancelled):
            reviewing.check_present(scratch_path)  # opening it would make a new, empty one
            with Store.open(main_path) as main, Store.open(scratch_path) as scratch:
                return reviewing.save_returns(main, scratch, folder)

        def done(result) -> None:
            messages.show_info(self, _("Return reviews"), "\n".join(result.lines + result.problems))

        return run_task(self, _("Writing return files…"), job, done)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        translator.off_change(self._language_changed)
        for view in list(self.forms.values()):
            view.close()
        if self.scratch.is_open:
            self.scratch.close()  # everything was written as it was made
        super().closeEvent(event)
