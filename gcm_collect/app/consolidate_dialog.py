"""Consolidation dialog: the workbooks added (or dropped onto it), a status each, the regional file.

Each workbook is checked as soon as it is added (``ops.workbooks.check_inputs``, on a worker
thread), so a reviewer sees which ones are verified, edited or refused before consolidating. The
consolidation itself (``gcm_collect.ops.workbooks.consolidate_workbooks``, as on the command line)
runs on a worker thread too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QTableWidgetItem,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.app.features import consolidate_available
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.app.worker import Task
from gcm_collect.i18n import N_, _, language
from gcm_collect.vocabulary import REGIONS

if TYPE_CHECKING:  # load_ui sets the Designer file's children as attributes: their types
    from gcm_collect.app.designer.consolidate_dialog import Ui_ConsolidateDialog
else:
    Ui_ConsolidateDialog = object


class ConsolidateDialog(QDialog, Ui_ConsolidateDialog):  # the Ui class: for the type checker
    def __init__(self, parent: QWidget | None = None, db_path: Path | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path  # the reviewer's database: their key signs the regional workbook
        load_ui("consolidate_dialog.ui", self)
        ButtonTexts(self.buttonBox, ok=N_("Consolidate"))
        self.inputs: list[Path] = []
        self.outcomes: dict[Path, str] = {}
        self.task: Task | None = None
        self.checking: Task | None = None
        self.report = None  # the last consolidation report
        self.regionCombo.addItem("", None)  # all regions; its text is set in retranslate()
        for code in REGIONS:
            self.regionCombo.addItem(code, code)
        self.setAcceptDrops(True)
        self.addButton.clicked.connect(self._add)
        self.removeButton.clicked.connect(self._drop)
        # The regional synthesis draft of the workbook just written (gcm-collect synthesis).
        self.synthesisButton = self.buttonBox.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.synthesisButton.setObjectName("synthesisButton")
        self.synthesisButton.clicked.connect(self.ask_synthesis)
        self.synthesis_task: Task | None = None
        self.synthesis: Path | None = None  # the last synthesis written
        self.buttonBox.accepted.connect(self.start)
        self.buttonBox.rejected.connect(self.reject)
        self.retranslate()

    def add_inputs(self, paths: list[Path]) -> None:
        from gcm_collect.ops.workbooks import consolidation_inputs

        new = [p for p in consolidation_inputs(paths) if p not in self.inputs]
        self.inputs += new
        self._show()
        self._check(new)

    def _check(self, paths: list[Path]) -> None:
        """Verify newly added workbooks one by one, off the UI thread."""
        if not paths:
            return
        db_path = self.db_path

        def job(progress, cancelled):
            from gcm_collect.ops.keys import register
            from gcm_collect.ops.workbooks import check_inputs
            from gcm_collect.store import Store

            trusted = None
            if db_path is not None:  # each input shown as trusted, unknown or unsigned
                with Store.open(db_path) as store:
                    trusted = register(store)
            return check_inputs(paths, trusted, progress=progress, cancel=cancelled)

        task = Task(job, self)
        task.succeeded.connect(self._checked)
        task.done.connect(lambda: self._checked_all(task))
        self.checking = task
        task.start()

    def _checked(self, statuses) -> None:
        for status in statuses:
            self.outcomes[Path(status.path)] = _status_text(status)
        self._show()  # at once: the task's ``done`` comes later (a test read the stale table)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_inputs(paths)
        event.acceptProposedAction()

    def _add(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Add workbooks"), "", _("Workbooks (*.xlsx)")
        )
        self.add_inputs([Path(n) for n in names])

    def _drop(self) -> None:
        rows = sorted({i.row() for i in self.inputsTable.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.inputs[row]
        self._show()

    def _checked_all(self, task: Task) -> None:
        task.wait()
        self._show()

    def _show(self) -> None:
        self.inputsTable.setRowCount(len(self.inputs))
        for row, path in enumerate(self.inputs):
            self.inputsTable.setItem(row, 0, QTableWidgetItem(path.name))
            status = self.outcomes.get(path) or _("not yet verified")
            self.inputsTable.setItem(row, 1, QTableWidgetItem(status))
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.inputs) and consolidate_available() and self.task is None
        )
        self.synthesisButton.setEnabled(
            self.report is not None and self.task is None and self.synthesis_task is None
        )

    def start(self) -> Task | None:
        """Consolidate on a worker thread into the file named in the dialog."""
        out = Path(self.pathEdit.text().strip())
        if self.task is not None or not self.inputs or not out.name:
            return self.task
        inputs, region, lang = list(self.inputs), self.regionCombo.currentData(), language()
        accept_edits = self.acceptEditsCheck.isChecked()
        db_path = self.db_path

        def job(progress, cancelled):
            from gcm_collect.ops.workbooks import consolidate_workbooks
            from gcm_collect.store import Store

            def run(store: Store | None):
                return consolidate_workbooks(  # the command line's operation
                    store,
                    inputs,
                    out,
                    region=region,
                    lang=lang,
                    accept_edits=accept_edits,
                    progress=progress,
                    cancel=cancelled,
                )

            if db_path is None:
                return run(None)
            with Store.open(db_path) as store:  # SQLite connections never cross threads
                return run(store)

        self.task = Task(job, self)
        self.task.progressed.connect(
            lambda done, total: (
                self.progressBar.setMaximum(max(total, 1)),
                self.progressBar.setValue(done),
            )
        )
        self.task.succeeded.connect(self._finished)
        self.task.failed.connect(
            lambda message: messages.show_error(self, _("Consolidate"), message)
        )
        self.task.done.connect(self._ended)
        self._show()
        self.task.start()
        return self.task

    def _finished(self, report) -> None:
        self._checked(report.inputs)
        self.report = report

    def _ended(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task = None
        self._show()

    def ask_synthesis(self) -> None:
        if self.report is None:
            return
        out = Path(self.report.out)
        suggested = out.with_name(f"{out.stem}-synthesis.docx")
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Write the regional synthesis draft"),
            str(suggested),
            _("Word documents (*.docx)") + ";;" + _("PDF files (*.pdf)"),
        )
        if target:
            if Path(target).suffix.lower() not in (".docx", ".pdf"):
                target += ".docx"
            self.write_synthesis(Path(target))

    def write_synthesis(self, target: Path) -> Task | None:
        """Write the synthesis of the regional workbook just written, on a worker thread."""
        if self.report is None or self.synthesis_task is not None:
            return self.synthesis_task
        workbook, lang = Path(self.report.out), language()

        def job(progress, cancelled):
            from gcm_collect.ops.documents import write_synthesis

            write_synthesis(workbook, target, lang)
            return target

        self.synthesis_task = Task(job, self)
        self.synthesis_task.succeeded.connect(self._synthesis_written)
        self.synthesis_task.failed.connect(
            lambda message: messages.show_error(self, _("Regional synthesis"), message)
        )
        self.synthesis_task.done.connect(self._synthesis_ended)
        self._show()
        self.synthesis_task.start()
        return self.synthesis_task

    def _synthesis_written(self, target: Path) -> None:
        self.synthesis = target

    def _synthesis_ended(self) -> None:
        if self.synthesis_task is not None:
            self.synthesis_task.wait()
            self.synthesis_task = None
        self._show()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()

    def retranslate(self) -> None:
        retranslate_ui(self)
        self.regionCombo.setItemText(0, _("All regions"))
        self.synthesisButton.setText(_("Write s&ynthesis…"))
        self._show()
        name_by_visible_words(self)


def _status_text(status) -> str:
    """The status column: the input's one line without its file name (shown beside it)."""
    line = status.line()
    prefix = f"{status.path}: "
    return line[len(prefix) :] if line.startswith(prefix) else line
