"""The submission's review report on paper or in a file, from the form window: Print (with a
print preview), Save as PDF and Save as Word. The files are the ones ``gcm-collect report``
writes (gcm_collect.documents); printing lays the same document out with Qt, as the Review
answers window prints its read-through."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from gcm_collect.app import messages
from gcm_collect.app.form.paper import a4_printer, text_option
from gcm_collect.documents.html import to_html
from gcm_collect.documents.model import Document
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.ops.documents import report_document, write_report
from gcm_collect.store import Store

FILTERS = {".pdf": lambda: _("PDF files (*.pdf)"), ".docx": lambda: _("Word documents (*.docx)")}
TITLES = {".pdf": lambda: _("Save report as PDF"), ".docx": lambda: _("Save report as Word")}


class ReportPaper:
    """``current`` gives (store, submission UUID, document language) when asked: the window
    may have reopened the submission as a new revision, or switched language, meanwhile."""

    def __init__(self, parent: QWidget, current: Callable[[], tuple[Store, str, str]]) -> None:
        self.parent = parent
        self.current = current
        self.preview: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None

    def document(self) -> Document:
        store, uuid, lang = self.current()
        return report_document(store, uuid, lang)[0]

    def text_document(self, document: Document) -> QTextDocument:
        """The report laid out for paper by Qt (A4, 15 mm margins)."""
        out = QTextDocument(self.parent)
        out.setDefaultTextOption(text_option(document.rtl))
        out.setHtml(to_html(document))
        if document.rtl:
            # Qt's HTML gives headings and table cells no direction of their own: each block
            # is set right to left here, so "14. …" and "المجموعة 3: …" read as written.
            block = out.begin()
            while block.isValid():
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
                cursor.setBlockFormat(fmt)
                block = block.next()
        return out

    def open_preview(self) -> QPrintPreviewDialog:
        """The print preview; its Print button prints (the platform's print dialog)."""
        document = self.document()
        laid_out = self.text_document(document)
        # The dialog paints on this printer without owning it: kept alive with the dialog.
        printer = self.printer = a4_printer()
        printer.setDocName(document.title)
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        self.preview = QPrintPreviewDialog(printer, self.parent)
        self.preview.setObjectName("reportPreview")
        self.preview.setWindowTitle(_("Print preview — {title}").format(title=document.title))
        self.preview.paintRequested.connect(laid_out.print_)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.preview.open()
        return self.preview

    def save(self, target: str | Path) -> Path | None:
        """Write the report to ``target`` (.pdf or .docx); a problem is one message."""
        store, uuid, lang = self.current()
        try:
            return write_report(store, Path(target), lang, uuid=uuid).path
        except UserError as error:
            messages.show_error(self.parent, _("Save report"), str(error))
            return None

    def ask_and_save(self, suffix: str) -> Path | None:
        name = f"{self.document().title}{suffix}".replace("/", "-").replace(":", " -")
        target, _filter = QFileDialog.getSaveFileName(
            self.parent, TITLES[suffix](), name, FILTERS[suffix]()
        )
        if not target:
            return None
        if not target.lower().endswith(suffix):
            target += suffix
        return self.save(target)
