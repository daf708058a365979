"""The review report from the form window: Submission ▸ Print report (a print preview),
Save report as PDF and as Word, written from the real database."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtPrintSupport import QPrintPreviewWidget

from gcm_collect import reference
from gcm_collect.ops.answers import add_instance, set_answer
from gcm_collect.ops.submissions import new_submission
from tests.documents.doc_helpers import pdf_fonts, pdf_text

pytestmark = pytest.mark.slow  # writes real documents


@pytest.fixture
def form_window(store, open_view):
    uuid = new_submission(store, state="MAR", region="ESCWA", period="2026").uuid
    set_answer(store, uuid, "preparation", "Consultations in Rabat and Oujda.")
    return open_view(uuid)


def menu_action(win, name):
    return next(a for a in win.menus.submission.actions() if a.objectName() == name)


def test_print_report_opens_a_preview_of_the_report(qtbot, form_window):
    action = menu_action(form_window, "actionPrintReport")
    assert action.isEnabled() and "report" in action.text().lower()
    action.trigger()
    preview = form_window.report_paper.preview
    qtbot.waitUntil(lambda: preview.isVisible())
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 2)  # cover and chapters: real pages
    assert reference.state_name("MAR", "en") in preview.windowTitle()
    preview.close()


def test_save_report_as_word_and_pdf(form_window, tmp_path):
    word = form_window.report_paper.save(tmp_path / "report.docx")
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Morocco" in text and "Consultations in Rabat and Oujda." in text
    pdf = form_window.report_paper.save(tmp_path / "report.pdf")
    assert all(embedded for _n, embedded in pdf_fonts(pdf))
    assert "Consultations in Rabat and Oujda." in pdf_text(pdf)


def test_a_file_that_cannot_be_written_is_one_message(form_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "gcm_collect.app.messages.show_error", lambda _p, title, text: shown.append(text)
    )
    assert form_window.report_paper.save(tmp_path / "missing" / "report.pdf") is None
    assert len(shown) == 1 and "missing" in shown[0]


def test_the_hub_checklist_on_each_practice(qtbot, store, form_window):
    uuid = form_window.ctrl.uuid
    iid = add_instance(store, uuid, "practices").entry
    set_answer(store, uuid, f"practices[{iid}]/practice_title", "UNHCR border desks")
    set_answer(store, uuid, f"practices[{iid}]/practice_start", "2017-05-01")
    menu_action(form_window, "actionHubCheck").trigger()
    dialog = form_window.hub_check_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.toPlainText()
    assert "Practice 1: UNHCR border desks" in text
    assert "not spelled out: UNHCR" in text and "started on" in text
    dialog.close()


def test_an_arabic_report_prints_its_tables_right_to_left(qtbot, store, form_window):
    # Qt lays HTML tables out left to right whatever their dir: an objectives table must still
    # start on the right, its header with "Objective" and each row with the objective.
    from gcm_collect.documents.language import speaking
    from gcm_collect.documents.text import objective_title
    from gcm_collect.i18n import _
    from gcm_collect.ops.documents import report_document

    document = report_document(store, form_window.ctrl.uuid, "ar")[0]
    laid_out = form_window.report_paper.text_document(document)
    layout = laid_out.documentLayout()

    def left_edge(text):
        block = laid_out.find(text).block()
        assert block.isValid(), text
        return layout.blockBoundingRect(block).left()

    with speaking("ar"):
        objective, priority = _("Objective"), _("Priority")
        two = objective_title(2, "ar")
    assert left_edge(objective) > left_edge(priority)
    assert left_edge(two) > left_edge(priority)


def test_the_printed_report_keeps_the_kosovo_footnote(store, form_window):
    # In Word it is a footnote on the cover's State cell; on paper, printed under the cover.
    from gcm_collect.ops.documents import report_document

    uuid = new_submission(store, state="XKX", region="ECE", period="2026").uuid
    document = report_document(store, uuid, "en")[0]
    text = form_window.report_paper.text_document(document).toPlainText()
    assert reference.footnotes()["kosovo"].text("en") in text
    assert f"{reference.state_name('XKX', 'en')}*" in text
