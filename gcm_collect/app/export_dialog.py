"""Export dialog: what will be exported (counts by State and status), language, file, progress.

The export itself runs on a worker thread with its own database connection.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCollator, QLocale, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from gcm_collect.app import messages
from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.app.worker import Task
from gcm_collect.i18n import LANGUAGES, N_, _, language, ngettext
from gcm_collect.reference import footnote_line, state_label, state_name
from gcm_collect.store import Store
from gcm_collect.vocabulary import DEFAULT_EXPORT_STATUSES, NATIVE_NAMES, STATUS_TITLES, STATUSES

if TYPE_CHECKING:  # load_ui sets the Designer file's children as attributes: their types
    from gcm_collect.app.designer.export_dialog import Ui_ExportDialog
else:
    Ui_ExportDialog = object


class ExportDialog(QDialog, Ui_ExportDialog):  # the Ui class: for the type checker
    exported = Signal(object)  # what the export did: gcm_collect.ops.workbooks.Exported

    def __init__(self, store: Store, parent: QWidget | None = None, *, state: str | None = None):
        super().__init__(parent)
        load_ui("export_dialog.ui", self)
        ButtonTexts(self.buttonBox, ok=N_("Export"))
        self.store = store
        self.state_filter = state
        self.task: Task | None = None
        self.preview = QStandardItemModel(self)
        self.previewTable.setModel(self.preview)
        self.previewTable.verticalHeader().setVisible(False)
        self.previewTable.horizontalHeader().setStretchLastSection(True)
        for code in LANGUAGES:
            self.languageCombo.addItem(NATIVE_NAMES[code], code)
        self.languageCombo.setCurrentIndex(LANGUAGES.index(language()))
        self.stateOnlyCheck.setEnabled(state is not None)
        self.stateOnlyCheck.setChecked(state is not None)
        default = Path.home() / f"gcm-export-{store.now()[:10]}.xlsx"
        self.pathEdit.setText(str(default))
        status_boxes = (self.draftCheck, self.completeCheck, self.finalizedCheck)
        for status, box in zip(STATUSES, status_boxes, strict=True):
            box.setChecked(status in DEFAULT_EXPORT_STATUSES)  # the CLI's default too
        for box in (*status_boxes, self.stateOnlyCheck):
            box.toggled.connect(self.update_preview)
        self.browseButton.clicked.connect(self._browse)
        self.buttonBox.accepted.connect(self.start)
        self.buttonBox.rejected.connect(self.reject)
        self.retranslate()

    # -- what will be exported -----------------------------------------------------------

    def statuses(self) -> list[str]:
        boxes = (self.draftCheck, self.completeCheck, self.finalizedCheck)
        return [s for s, box in zip(STATUSES, boxes, strict=True) if box.isChecked()]

    def states(self) -> list[str]:
        if self.state_filter and self.stateOnlyCheck.isChecked():
            return [self.state_filter]
        return []

    def counts(self) -> Counter[tuple[str, str]]:
        """(State, status) -> submissions that the export would write."""
        subs = self.store.list_submissions(
            state=self.states() or None, status=self.statuses() or ["none"]
        )
        return Counter((s.state, s.status) for s in subs)

    def update_preview(self, *args: object) -> None:
        counts = self.counts()
        lang = language()
        self.preview.clear()
        headers = [_("State")] + [_(STATUS_TITLES[s]) for s in STATUSES] + [_("Total")]
        self.preview.setHorizontalHeaderLabels(headers)
        collator = QCollator(QLocale(lang))
        for iso3 in sorted(
            {k[0] for k in counts}, key=lambda c: collator.sortKey(state_name(c, lang))
        ):
            row = [QStandardItem(state_label(iso3, lang))]
            footnote = footnote_line(iso3, lang, _)
            if footnote:  # Kosovo*
                row[0].setToolTip(footnote)
            row += [QStandardItem(str(counts[(iso3, s)])) for s in STATUSES]
            row.append(QStandardItem(str(sum(counts[(iso3, s)] for s in STATUSES))))
            for item in row:
                item.setEditable(False)
            self.preview.appendRow(row)
        total = sum(counts.values())
        self.previewLabel.setText(
            ngettext(
                "Preview: {n} submission by State and status",
                "Preview: {n} submissions by State and status",
                total,
            ).format(n=total)
        )
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            total > 0 and self.task is None
        )

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to a reviewer workbook"), self.pathEdit.text(), _("Workbooks (*.xlsx)")
        )
        if path:
            self.pathEdit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    # -- running -------------------------------------------------------------------------

    def start(self) -> Task | None:
        """Run the export on a worker thread; the dialog closes when it is written."""
        if self.task is not None:
            return self.task
        db_path, out = self.store.path, Path(self.pathEdit.text().strip())
        lang, states, statuses = self.languageCombo.currentData(), self.states(), self.statuses()

        def job(progress, cancelled):
            from gcm_collect.ops.workbooks import export
            from gcm_collect.store import Store

            # The command line's operation: State codes checked, the built-in survey refreshed.
            with Store.open(db_path) as store:  # SQLite connections never cross threads
                return export(
                    store,
                    out,
                    lang=lang,
                    states=states,
                    statuses=statuses,
                    progress=progress,
                    cancel=cancelled,
                )

        self.task = Task(job, self)
        self.task.progressed.connect(self._progress)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._ended)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.task.start()
        return self.task

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the dialog closes once the worker has stopped
            return
        super().reject()

    def _progress(self, done: int, total: int) -> None:
        self.progressBar.setMaximum(max(total, 1))
        self.progressBar.setValue(done)

    def _succeeded(self, done: object) -> None:
        self._ended()
        self.exported.emit(done)
        self.accept()

    def _failed(self, message: str) -> None:
        self._ended()
        messages.show_error(self, _("Export"), message)

    def _ended(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task = None
        self.progressBar.setValue(0)
        self.update_preview()

    def retranslate(self) -> None:
        retranslate_ui(self)
        self.update_preview()
        name_by_visible_words(self)
