"""The "Review answers" window: every answer to read through before Finalize, each question a
link back to it; printed, or saved as PDF, as it reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.form.paper import a4_printer, text_option
from gcm_collect.app.form.readthrough import LINK, Part, paths, to_html
from gcm_collect.i18n import _, ngettext


class ReviewDialog(QDialog):
    """``build`` gives (title, parts, right_to_left) afresh (answers change meanwhile); a link
    asks the form window to show its question (``jump``); ``finalize`` is offered when given."""

    jump = Signal(str)

    def __init__(
        self,
        build: Callable[[], tuple[str, list[Part], bool]],
        parent: QWidget,
        finalize: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewDialog")
        self.build = build
        self.finalize = finalize
        self.resize(760, 720)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("reviewText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._clicked)
        layout.addWidget(self.browser, 1)
        self.buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printReview")
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("pdfReview")
        self.finalize_button = QPushButton(self)
        self.finalize_button.setObjectName("finalizeFromReview")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeReview")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.finalize_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.finalize_button.setVisible(finalize is not None)  # after the box showed it
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.finalize_button.clicked.connect(self._finalize)
        self.close_button.clicked.connect(self.close)
        self.paths: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the answers again, keeping the place read."""
        title, parts, rtl = self.build()
        self.title, self.parts, self.rtl = title, parts, rtl
        self.paths = paths(parts)
        bar = self.browser.verticalScrollBar()
        at = bar.value()
        self.browser.document().setDefaultTextOption(text_option(rtl))
        self.browser.setHtml(to_html(title, parts, rtl))
        bar.setValue(at)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Review answers — {title}").format(title=self.title))
        missing = sum(line.missing for part in self.parts for line in part.lines)
        answered = sum(bool(line.answer) for part in self.parts for line in part.lines)
        text = ngettext("{n} answer to read.", "{n} answers to read.", answered).format(n=answered)
        if missing:
            text += " " + ngettext(
                "{n} required question is not answered yet (marked ⚠).",
                "{n} required questions are not answered yet (marked ⚠).",
                missing,
            ).format(n=missing)
        text += " " + _("Click a question to go back to it.")
        self.summary.setText(text)
        self.browser.setAccessibleName(_("Answers"))
        self.print_button.setText(_("&Print…"))
        self.pdf_button.setText(_("&Save as PDF…"))
        self.finalize_button.setText(_("F&inalize…"))
        self.close_button.setText(_("&Close"))
        name_by_visible_words(self)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(LINK) and text[len(LINK) :].isdigit():
            number = int(text[len(LINK) :])
            if number < len(self.paths):
                self.jump.emit(self.paths[number])

    def _finalize(self) -> None:
        if self.finalize is not None and self.finalize():
            self.close()

    # -- paper --------------------------------------------------------------------------------

    def document(self) -> QTextDocument:
        """The read-through laid out for paper (A4, 15 mm margins)."""
        doc = QTextDocument(self)
        doc.setDefaultTextOption(text_option(self.rtl))
        doc.setHtml(to_html(self.title, self.parts, self.rtl))
        return doc

    def save_pdf(self, target: str | Path) -> Path:
        printer = a4_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setDocName(self.title)
        self.document().print_(printer)
        return Path(target)

    def ask_pdf(self) -> None:
        name = f"{self.title}.pdf".replace("/", "-").replace(" · ", " ")
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), name, _("PDF files (*.pdf)")
        )
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            self.save_pdf(target)
        except OSError as error:
            messages.show_error(self, _("Save as PDF"), f"{target}: {error.strerror}")
            return
        if not Path(target).is_file():
            messages.show_error(
                self, _("Save as PDF"), _("{path}: could not be written").format(path=target)
            )

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
