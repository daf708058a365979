"""The main window driven like a user would: actions, filters, dialogs, language, keyboard."""

from __future__ import annotations

import json

import pytest
from app_helpers import add_minimal
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gcm_collect.app import actions
from gcm_collect.app.consolidate_dialog import ConsolidateDialog
from gcm_collect.app.export_dialog import ExportDialog
from gcm_collect.app.new_submission import NewSubmissionDialog
from gcm_collect.app.preferences import PreferencesDialog
from gcm_collect.app.submissions_model import COLUMNS as _COLUMNS
from gcm_collect.i18n import language, set_language
from gcm_collect.ops.submissions import get_profile

STATUS = _COLUMNS.index("Status")

MAIN_ACTIONS = (
    "actionNew",
    "actionOpen",
    "actionDuplicate",
    "actionTrash",
    "actionRestore",
    "actionImport",
    "actionImportForm",
    "actionExport",
    "actionConsolidate",
    "actionBackup",
    "actionPreferences",
    "actionQuit",
    "actionFind",
    "actionShowTrash",
    "actionRefresh",
    "actionAbout",
)
INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def inputs_without_names(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INPUTS) or (
            isinstance(widget, QAbstractButton) and widget.objectName().endswith("Check")
        ):
            # Inner parts Qt builds itself (a combo's popup list, a spin box's editor) are named
            # through their owner.
            if widget.objectName().startswith("qt_") or not widget.objectName():
                continue
            if not widget.accessibleName():
                missing.append(widget.objectName())
    return missing


def test_every_action_has_a_distinct_shortcut_shown_in_menus(window):
    shortcuts = {}
    for name in MAIN_ACTIONS:
        action: QAction = getattr(window, name)
        assert not action.shortcut().isEmpty(), name
        shortcuts[action.shortcut().toString()] = name
    assert len(shortcuts) == len(MAIN_ACTIONS)
    menu_actions = {
        a for m in (window.menuFile, window.menuView, window.menuHelp) for a in m.actions()
    }
    assert {getattr(window, n) for n in MAIN_ACTIONS} <= menu_actions
    # Menus open from the keyboard (Alt + the underlined letter).
    assert all("&" in m.title() for m in (window.menuFile, window.menuView, window.menuLanguage))


def test_every_input_has_an_accessible_name(qtbot, window, store):
    dialogs = [
        NewSubmissionDialog(store, window),
        PreferencesDialog(store, window),
        ExportDialog(store, window),
        ConsolidateDialog(window),
    ]
    for root in [window, *dialogs]:
        assert inputs_without_names(root) == [], type(root).__name__
    for dialog in dialogs:
        dialog.deleteLater()


def test_tab_order_starts_at_search_and_reaches_the_list(window):
    chain, widget = [], window.searchEdit
    for _ in range(8):
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.TabFocus:
            widget = widget.nextInFocusChain()
    assert chain[:8] == [
        "searchEdit",
        "stateFilter",
        "regionFilter",
        "statusFilter",
        "formFilter",
        "reviewFilter",
        "openCommentsFilter",
        "table",
    ]


def test_filters_and_search_from_the_window(qtbot, window, store):
    add_minimal(store, 20)
    window.refresh()
    assert window.model.rowCount() == 20
    # The States list is filled just after the window first paints, not before.
    qtbot.waitUntil(lambda: window.stateFilter.findData("FRA") > 0)
    window.stateFilter.setCurrentIndex(window.stateFilter.findData("FRA"))
    window.stateFilter.activated.emit(window.stateFilter.currentIndex())
    assert window.model.rowCount() == 4
    assert "4 of 20" in window.counts.text()
    window.stateFilter.setCurrentIndex(0)
    window.apply_filters()
    qtbot.keyClicks(window.searchEdit, "Submission 13")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_duplicate_trash_and_restore(qtbot, window, store):
    add_minimal(store, 3)
    window.refresh()
    window.table.setCurrentIndex(window.model.index(0, 0))
    original = window.selected_uuid()
    window.actionDuplicate.trigger()
    assert window.model.rowCount() == 4
    copy = window.selected_uuid()
    assert copy != original and store.get_submission(copy).status == "draft"

    window.actionTrash.trigger()
    assert window.model.rowCount() == 3
    assert store.get_submission(copy).deleted

    window.actionShowTrash.setChecked(True)
    assert window.model.rowCount() == 4
    assert window.select(copy)
    assert window.actionRestore.isEnabled() and not window.actionTrash.isEnabled()
    assert "trash" in window.model.index(window.table.currentIndex().row(), STATUS).data()
    window.actionRestore.trigger()
    assert not store.get_submission(copy).deleted
    window.actionShowTrash.setChecked(False)
    assert window.model.rowCount() == 4


def test_new_submission_for_a_state_with_one_commission(qtbot, window, store, monkeypatch):
    opened = []
    monkeypatch.setattr(actions, "open_submission", lambda win, uuid=None: opened.append(uuid))
    window.actionNew.trigger()
    dialog = window.findChild(NewSubmissionDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.stateSearch, "seneg")
    assert dialog.state() == "SEN"
    assert dialog.region() == "ECA" and not dialog.regionCombo.isEnabled()
    assert dialog.focalName.text() == "Test Officer"
    dialog.periodEdit.setText("2025")
    qtbot.mouseClick(dialog.buttonBox.button(dialog.buttonBox.StandardButton.Ok), Qt.LeftButton)
    assert len(opened) == 1
    sub = store.get_submission(opened[0])
    assert (sub.state, sub.region, sub.period) == ("SEN", "ECA", "2025")
    assert window.selected_uuid() == opened[0]


def test_new_submission_asks_the_region_of_a_state_with_several(qtbot, store):
    dialog = NewSubmissionDialog(store)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.stateSearch, "France")
    assert dialog.state() == "FRA"
    assert dialog.region() is None and dialog.regionCombo.isEnabled()
    ok = dialog.buttonBox.button(dialog.buttonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert dialog.problemLabel.text() == "Choose the regional review."
    dialog.regionCombo.setCurrentIndex(dialog.regionCombo.findData("ECE"))
    assert ok.isEnabled()
    dialog.periodEdit.setText("20x5")
    assert not ok.isEnabled()
    dialog.periodEdit.setText("2022-2025")
    choice = dialog.choice()
    assert (choice.state, choice.region, choice.period) == ("FRA", "ECE", "2022-2025")


def test_language_switch_retranslates_and_mirrors(qtbot, window, store):
    english = window.table.accessibleName()  # a Designer text, through the catalogs
    window.language_actions["fr"].trigger()
    assert language() == "fr"
    assert store.get_setting("language") == "fr"
    assert window.language_actions["fr"].isChecked()
    window.language_actions["ar"].trigger()
    assert QApplication.layoutDirection() == Qt.RightToLeft
    assert window.layoutDirection() == Qt.RightToLeft
    assert window.table.accessibleName() == "الاستمارات المقدَّمة" != english
    assert window.model.headerData(0, Qt.Horizontal) == "الدولة"
    assert window.location.text().startswith("قاعدة البيانات")
    set_language("en")
    assert window.table.accessibleName() == english
    assert window.layoutDirection() == Qt.LeftToRight
    assert window.model.headerData(0, Qt.Horizontal) == "State"


def test_first_run_profile_is_saved(qtbot, store):
    store.set_setting("officer_profile", None)
    dialog = PreferencesDialog(store, first_run=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttonBox.button(dialog.buttonBox.StandardButton.Ok)
    dialog.nameEdit.clear()
    assert not ok.isEnabled()  # a name is needed for the audit log
    qtbot.keyClicks(dialog.nameEdit, "Lena Petrova")
    dialog.emailEdit.setText("lena@example.org")
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert get_profile(store).name == "Lena Petrova"
    assert store.get_setting("officer") == "Lena Petrova"


def test_backup_runs_off_the_ui_thread_and_shows_in_the_status_bar(qtbot, window, tmp_path):
    target = tmp_path / "copy.sqlite"
    assert window.last_backup.text() == "No backup yet"
    actions.backup_to(window, target)
    qtbot.waitUntil(lambda: window.last_backup.text().startswith("Last backup"), timeout=20_000)
    assert target.exists()


def test_import_runs_off_the_ui_thread_and_refreshes(qtbot, window, store, tmp_path):
    lines = tmp_path / "in.jsonl"
    form_id, version = "gcm_state_practice_survey", "2026.1"
    records = [
        {
            "form_id": form_id,
            "form_version": version,
            "state": "SEN",
            "region": "ECA",
            "period": "2025",
            "status": "draft",
            "answers": {"lead_entity": f"Ministry {i}"},
        }
        for i in range(3)
    ]
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    actions.import_paths(window, [lines])
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=20_000)


def test_import_failure_is_one_clear_message(qtbot, window, tmp_path, told):
    shown = told.errors
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    actions.import_paths(window, [bad])
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0].startswith(str(bad)) and "\n" not in shown[0]


def test_toolbar_buttons_follow_a_language_switch_even_when_disabled(qtbot, window):
    from PySide6.QtWidgets import QToolButton

    from gcm_collect.i18n import set_language

    set_language("fr")
    texts = {
        b.defaultAction().objectName(): b.text()
        for b in window.findChildren(QToolButton)
        if b.defaultAction() is not None
    }
    assert not window.actionOpen.isEnabled()  # nothing selected
    assert texts["actionOpen"] == "Ouvrir"


def test_a_window_opened_in_chinese_shows_no_mnemonics_on_its_toolbar(qtbot, store):
    from PySide6.QtWidgets import QToolButton

    from gcm_collect.app.main_window import MainWindow

    set_language("zh")
    try:
        win = MainWindow(store)
        qtbot.addWidget(win)
        texts = [
            b.text() for b in win.findChildren(QToolButton) if b.defaultAction() is not None
        ]
        assert texts and all(not text.endswith(")") for text in texts), texts
        assert any("(" in a.text() for a in win.menuFile.actions())  # the menus keep theirs
    finally:
        set_language("en")


def test_an_empty_list_says_what_to_do_first(qtbot, window, store):
    note = window.empty_note
    assert note.isVisible()
    assert note.text() == (
        "No submission on this computer yet.\n\nStart one with \u2068New submission\u2069, or "
        "bring exported workbooks or JSON Lines files in with \u2068Import\u2069."
    )
    window.language_actions["ar"].trigger()
    assert "\u2068استمارة جديدة\u2069" in note.text() and "&" not in note.text()
    window.language_actions["zh"].trigger()
    assert "\u2068新建提交材料\u2069" in note.text() and "(" not in note.text()
    set_language("en")
    window.retranslate()
    add_minimal(store, 3)
    window.refresh()
    assert not note.isVisible()
    qtbot.keyClicks(window.searchEdit, "nothing like this")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert note.isVisible()
    assert note.text() == "No submission matches these filters and this search."


@pytest.mark.slow
def test_importing_an_edited_workbook_keeps_the_export_then_offers_the_edits(
    qtbot, window, tmp_path, told
):
    """The app's Import means what `import` means: exported values first; the officer is asked,
    and Yes takes the reviewer's valid change as a new revision."""
    import openpyxl

    from gcm_collect.demo.generate import generate
    from gcm_collect.export import export_workbook
    from gcm_collect.ops.keys import key_card
    from gcm_collect.store import Store

    source = Store.open(tmp_path / "officer.sqlite3")
    generate(source, 1, seed=3)
    path = export_workbook(source, tmp_path / "edited.xlsx", lang="en").path
    fingerprint = key_card(source).fingerprint
    source.close()
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    column = [c.value for c in ws[2]].index("lead_entity") + 1
    ws.cell(row=3, column=column).value = "Ministry named by the reviewer"
    book.properties.lastModifiedBy = "Rania Reviewer"
    book.save(path)

    told.answer = True
    actions.import_paths(window, [path])
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=30_000)
    assert "1 cell was changed in the workbook after export" in told.questions[0]
    qtbot.waitUntil(lambda: len(told.infos) == 2, timeout=30_000)
    # Who signed the workbook, as the command line says it, then the edits taken.
    assert told.infos[0] == f"edited.xlsx: signed by an unknown key; key {fingerprint}"
    assert told.infos[1].startswith("1 change taken, in 1 new revisions")
    (revised,) = [s for s in window.store.list_submissions() if s.revises]
    record = window.store.get_record(revised.uuid)
    assert record["answers"]["lead_entity"] == "Ministry named by the reviewer"
    assert record["review"]["by"] == "Rania Reviewer" and record["revision"] == 2


class _Opened(QObject):
    """Receives the file URLs the app asks the desktop to open (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toLocalFile())


def test_help_opens_the_guides_offline_and_the_data_folder(qtbot, window, store):
    texts = [a.text() for a in window.menuHelp.actions() if not a.isSeparator()]
    assert texts[:5] == [
        "Guide for field &officers",
        "Guide for &reviewers (regional commissions)",
        "Guide for &form authors (XLSForm)",
        "Guide for &translators",
        "Open the &data folder",
    ]
    guide = window.open_guide("docs/reviewers.md", "Guide for &reviewers (regional commissions)")
    qtbot.addWidget(guide)
    assert guide.windowTitle() == "Guide for reviewers (regional commissions)"
    assert "For regional reviewers" in guide.text.toPlainText()  # rendered, not raw Markdown
    assert "# For regional" not in guide.text.toPlainText()
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        window.actionDataFolder.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opened.urls == [str(store.path.parent)]
    window.language_actions["fr"].trigger()
    assert window.actionDataFolder.text() != "Open the &data folder"
    set_language("en")
