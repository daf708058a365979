"""The officer exports from the app; the reviewer consolidates from the app (worker threads)."""

from __future__ import annotations

import pytest

from gcm_collect.app.consolidate_dialog import ConsolidateDialog
from gcm_collect.app.export_dialog import ExportDialog
from gcm_collect.demo import generate
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.i18n import _
from gcm_collect.store import Store
from gcm_collect.workbook import read_export


def export_from_the_app(qtbot, store, out) -> int:
    """Export what the dialog offers by default; returns how many submissions that is."""
    dialog = ExportDialog(store)
    qtbot.addWidget(dialog)
    dialog.pathEdit.setText(str(out))
    expected = store.count_submissions(status=dialog.statuses())
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start()
    assert len(read_export(out).records) == expected
    return expected


def statuses_shown(dialog) -> int:
    """How many inputs the dialog's table shows as checked."""
    waiting = _("not yet verified")
    table = dialog.inputsTable
    return sum(1 for row in range(table.rowCount()) if table.item(row, 1).text() != waiting)


@pytest.mark.slow
def test_export_then_consolidate_with_a_status_for_each_workbook(qtbot, store, tmp_path):
    generate(store, 8, seed=5)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    exported = export_from_the_app(qtbot, store, first)
    assert exported > 0
    generate(store, 4, seed=6)
    exported = export_from_the_app(qtbot, store, second)  # the first ones again, and more
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")

    dialog = ConsolidateDialog()
    qtbot.addWidget(dialog)
    dialog.add_inputs([first, second, junk])
    # Each workbook is checked as soon as it is added, before any consolidation. Waited for
    # as the reviewer sees it, in the table: the checks end on a worker thread and the table
    # follows through queued signals (waiting on the dialog's own record of the outcomes, then
    # reading the table, was what made this test fail now and then).
    qtbot.waitUntil(lambda: statuses_shown(dialog) == 3, timeout=60_000)
    assert "verified" in dialog.inputsTable.item(0, 1).text()
    assert "not an Excel workbook" in dialog.inputsTable.item(2, 1).text()
    region = tmp_path / "region.xlsx"
    dialog.pathEdit.setText(str(region))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.report is not None, timeout=60_000)
    assert dialog.report.submissions == exported  # the same submissions twice count once
    assert len(read_export(region).records) == exported
    assert dialog.progressBar.value() == dialog.progressBar.maximum()


@pytest.mark.slow
def test_consolidate_dialog_takes_edits_only_when_asked(qtbot, store, tmp_path):
    import openpyxl

    generate(store, 6, seed=5)
    edited = tmp_path / "edited.xlsx"
    export_from_the_app(qtbot, store, edited)
    book = openpyxl.load_workbook(edited)
    ws = book["Submissions"]
    column = [c.value for c in ws[2]].index("lead_entity") + 1
    ws.cell(row=3, column=column).value = "Ministry named by the reviewer"
    book.save(edited)

    def run(accept: bool, out):
        dialog = ConsolidateDialog()
        qtbot.addWidget(dialog)
        assert not dialog.acceptEditsCheck.isChecked()  # the safe default, as on the CLI
        dialog.acceptEditsCheck.setChecked(accept)
        dialog.add_inputs([edited])
        qtbot.waitUntil(lambda: statuses_shown(dialog) == 1, timeout=60_000)
        dialog.pathEdit.setText(str(out))
        dialog.start()
        qtbot.waitUntil(lambda: dialog.task is None and dialog.report is not None, timeout=60_000)
        return dialog.report

    kept = run(False, tmp_path / "kept.xlsx")
    assert [e.outcome for e in kept.edits] == ["kept"] and kept.revisions == 0
    taken = run(True, tmp_path / "taken.xlsx")
    assert [e.outcome for e in taken.edits] == ["accepted"] and taken.revisions == 1


def test_consolidate_dialog_says_who_signed_each_workbook(qtbot, store, tmp_path):
    """The reviewer's register (their database) judges each input as soon as it is added."""
    from gcm_collect.keys import write_card
    from gcm_collect.ops.keys import key_card, trust_card
    from gcm_collect.store import Store

    generate(store, 4, seed=7)
    signed = tmp_path / "officer.xlsx"
    export_from_the_app(qtbot, store, signed)
    card = write_card(key_card(store), tmp_path / "card.json")
    stranger = tmp_path / "stranger.xlsx"
    stranger.write_bytes(signed.read_bytes())
    dialog = ConsolidateDialog(db_path=tmp_path / "reviewer.sqlite3")
    qtbot.addWidget(dialog)
    dialog.add_inputs([stranger])
    qtbot.waitUntil(lambda: statuses_shown(dialog) == 1, timeout=60_000)
    assert "signed by an unknown key" in dialog.inputsTable.item(0, 1).text()
    with Store.open(tmp_path / "reviewer.sqlite3") as reviewer:
        trust_card(reviewer, card, ["FRA"])
    dialog.add_inputs([signed])
    qtbot.waitUntil(lambda: statuses_shown(dialog) == 2, timeout=60_000)
    assert "signed by a trusted key (Test Officer, FRA)" in dialog.inputsTable.item(1, 1).text()
    region = tmp_path / "region.xlsx"
    dialog.pathEdit.setText(str(region))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.report is not None, timeout=60_000)
    wb = read_export(region)
    with Store.open(tmp_path / "reviewer.sqlite3") as reviewer:
        mine = key_card(reviewer).public_key
    assert wb.signature.valid and wb.signature.signer.public_key == mine


def test_the_app_exports_through_the_command_lines_operation(qtbot, tmp_path):
    """As `gcm-collect export` does: the built-in survey is stored (or brought up to date)
    before the export, so the workbook carries it, and the dialog says so."""
    form = builtin_form()
    with Store.open(tmp_path / "elsewhere.sqlite3") as store:
        assert store.get_form(form.form_id, form.version) is None
        dialog = ExportDialog(store)
        qtbot.addWidget(dialog)
        dialog.pathEdit.setText(str(tmp_path / "empty.xlsx"))
        with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
            dialog.start()
        assert done.args[0].form_refreshed and done.args[0].summary.submissions == 0
        assert store.get_form(form.form_id, form.version).content_hash == form.content_hash


@pytest.mark.slow
def test_the_consolidation_dialog_writes_the_regional_synthesis(qtbot, store, tmp_path):
    import docx

    generate(store, 6, seed=7)
    exported = tmp_path / "a.xlsx"
    export_from_the_app(qtbot, store, exported)
    dialog = ConsolidateDialog()
    qtbot.addWidget(dialog)
    assert not dialog.synthesisButton.isEnabled()  # nothing consolidated yet
    dialog.add_inputs([exported])
    qtbot.waitUntil(lambda: statuses_shown(dialog) == 1, timeout=60_000)
    dialog.pathEdit.setText(str(tmp_path / "region.xlsx"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.report is not None, timeout=60_000)
    assert dialog.synthesisButton.isEnabled()
    target = tmp_path / "synthesis.docx"
    dialog.write_synthesis(target)
    qtbot.waitUntil(lambda: dialog.synthesis_task is None, timeout=60_000)
    assert dialog.synthesis == target
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Regional synthesis draft" in text and "Annex A: submissions counted" in text
