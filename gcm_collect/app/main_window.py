"""The field officer's main window: the list of submissions on this laptop.

Layout, menus, toolbar, actions and shortcuts come from ``ui/main_window.ui``; what each action
does lives in ``gcm_collect.app.actions``. This class only wires them and shows the list.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCollator, QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import actions, platform_keys
from gcm_collect.app.a11y import name_by_visible_words, problem_color, tint
from gcm_collect.app.changes import changes
from gcm_collect.app.features import consolidate_available, export_available
from gcm_collect.app.languages import install
from gcm_collect.app.submissions_model import UUID_ROLE, SubmissionsModel
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.app.worker import Task
from gcm_collect.conversation import REVIEW_FILTERS
from gcm_collect.errors import UserError
from gcm_collect.i18n import LANGUAGES, _, language, ngettext
from gcm_collect.ops.backups import last_backup
from gcm_collect.ops.changes import REVIEWED, Changed
from gcm_collect.store import Store, Submission
from gcm_collect.store.location import place_warning
from gcm_collect.vocabulary import NATIVE_NAMES, REGIONS, STATUS_LABELS, STATUSES

_CJK_MNEMONIC = re.compile(r"\s*\(\w\)$")

if TYPE_CHECKING:  # load_ui sets the Designer file's children as attributes: their types
    from gcm_collect.app.designer.main_window import Ui_MainWindow
else:
    Ui_MainWindow = object


class MainWindow(QMainWindow, Ui_MainWindow):  # the Ui class: for the type checker
    def __init__(self, store: Store) -> None:
        super().__init__()
        load_ui("main_window.ui", self)
        install()
        self.store = store
        self.open_forms: dict[str, Any] = {}  # uuid -> its form window (app.form.FormView)
        self._language = language()
        self.model = SubmissionsModel(store, self, problem_counter=_problem_counter(store))
        self._setup_table()
        self._setup_status_bar()
        self._setup_languages()
        self._setup_help()
        self._connect_actions()
        self.actionTrash.setShortcuts(platform_keys.trash_keys())
        platform_keys.set_menu_roles(
            self.menuBar(),
            {
                self.actionAbout: QAction.MenuRole.AboutRole,
                self.actionPreferences: QAction.MenuRole.PreferencesRole,
                self.actionQuit: QAction.MenuRole.QuitRole,
            },
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search once typing pauses, not at every key
        self._search_timer.timeout.connect(self.apply_filters)
        self.searchEdit.textChanged.connect(self._search_timer.start)
        # Edits in an open form refresh their rows once they pause (status, last change).
        self._changed_rows: set[str] = set()
        self.refresh_soon = QTimer(self)
        self.refresh_soon.setSingleShot(True)
        self.refresh_soon.setInterval(800)
        self.refresh_soon.timeout.connect(self._refresh_changed_rows)
        changes().changed.connect(self.on_changed)
        self._listening = True
        for combo in self._filters():
            combo.activated.connect(self.apply_filters)
        self.openCommentsFilter.toggled.connect(self.apply_filters)
        self.retranslate(loading=True)
        self.update_actions()
        # The States filter's list (about 200 localised, sorted names) is not visible until the
        # combo opens: filled just after the window first paints.
        self._states_filled = False

    # -- setup -----------------------------------------------------------------------------

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(6, Qt.SortOrder.DescendingOrder)  # newest change first
        # Widths leave "Last change" (the stretching column) room for a date and time in every
        # language; a text too long for its cell is cut with "…", never wrapped in the row.
        table.setWordWrap(False)
        for column, width in enumerate((200, 70, 90, 180, 200, 170)):
            table.setColumnWidth(column, width)
        table.activated.connect(lambda index: actions.open_submission(self))
        table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        # An empty list says what to do first, in place of the rows (update_status).
        self.empty_note = QLabel(table.viewport())
        self.empty_note.setObjectName("emptyNote")
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        QVBoxLayout(table.viewport()).addWidget(self.empty_note)
        self.empty_note.hide()

    def _setup_status_bar(self) -> None:
        self.location = QLabel(self)
        self.counts = QLabel(self)
        self.last_backup = QLabel(self)
        for label in (self.location, self.counts, self.last_backup):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.location, 1)
        # A database in a network or synced folder: said for as long as it is there.
        self.place_warning = QLabel(self)
        self.place_warning.setWordWrap(True)
        self.statusBar().addWidget(self.place_warning, 2)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.last_backup)

    def _setup_languages(self) -> None:
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(NATIVE_NAMES[code], self)
            action.setCheckable(True)
            action.setObjectName(f"actionLanguage_{code}")
            action.triggered.connect(partial(actions.set_language, self, code))
            self.language_group.addAction(action)
            self.menuLanguage.addAction(action)
            self.language_actions[code] = action

    def _setup_help(self) -> None:
        """Help: each bundled guide, read offline, and the data folder (before About)."""
        from gcm_collect.app import guides

        self.guide_actions: list[tuple[QAction, str]] = []
        for relative, title in guides.GUIDES:
            action = QAction(self)
            action.setObjectName(f"actionGuide_{Path(relative).stem}")
            action.triggered.connect(partial(self.open_guide, relative, title))
            action.setEnabled((guides.guides_folder() / relative).is_file())
            self.menuHelp.insertAction(self.actionAbout, action)
            self.guide_actions.append((action, title))
        self.actionDataFolder = QAction(self)
        self.actionDataFolder.setObjectName("actionDataFolder")
        self.actionDataFolder.triggered.connect(self.open_data_folder)
        self.menuHelp.insertAction(self.actionAbout, self.actionDataFolder)
        self.actionDeviceKey = QAction(self)
        self.actionDeviceKey.setObjectName("actionDeviceKey")
        self.actionDeviceKey.triggered.connect(self.open_key_dialog)
        self.menuHelp.insertAction(self.actionAbout, self.actionDeviceKey)
        self.menuHelp.insertSeparator(self.actionAbout)
        self.guide_windows: list[QWidget] = []

    def open_guide(self, relative: str, title: str, *_args: object):
        from gcm_collect.app import guides

        dialog = guides.open_guide(self, relative, _(title))
        if dialog is not None:
            self.guide_windows.append(dialog)
        return dialog

    def open_data_folder(self, *_args: object) -> None:
        from gcm_collect.app import guides

        if self.store.path is not None:
            guides.open_data_folder(self.store.path.parent)

    def open_key_dialog(self, *_args: object):
        """Help > Device key: the fingerprint to read out and the key card to hand out."""
        from gcm_collect.app.key_dialog import KeyDialog
        from gcm_collect.app.messages import show_error

        try:
            dialog = KeyDialog(self.store, self)
        except UserError as exc:
            show_error(self, _("Device key"), str(exc))
            return None
        dialog.show()
        self.guide_windows.append(dialog)
        return dialog

    def _retranslate_help(self) -> None:
        for action, title in self.guide_actions:
            action.setText(_(title))
        self.actionDataFolder.setText(_("Open the &data folder"))
        self.actionDataFolder.setToolTip(
            _("The folder of this database and its backups, in the file manager")
        )
        self.actionDeviceKey.setText(_("Device &key and key card…"))
        self.actionDeviceKey.setToolTip(
            _("The key that signs this installation's workbooks, and its card for reviewers")
        )

    def _connect_actions(self) -> None:
        wiring = {
            self.actionNew: actions.new_submission,
            self.actionOpen: actions.open_submission,
            self.actionDuplicate: actions.duplicate,
            self.actionTrash: actions.trash,
            self.actionRestore: actions.restore,
            self.actionImport: actions.import_files,
            self.actionImportForm: actions.import_form,
            self.actionExport: actions.export,
            self.actionConsolidate: actions.consolidate,
            self.actionOpenForReview: actions.open_for_review,
            self.actionReturnReviews: actions.return_reviews,
            self.actionBackup: actions.backup,
            self.actionPreferences: actions.preferences,
            self.actionAbout: actions.about,
        }
        for action, operation in wiring.items():
            action.triggered.connect(lambda _checked=False, op=operation: op(self))
        # Start from last cycle: in code, beside Duplicate, which it builds on.
        self.actionLastCycle = QAction(self)
        self.actionLastCycle.setObjectName("actionLastCycle")
        self.actionLastCycle.triggered.connect(lambda _c=False: actions.start_from_last_cycle(self))
        self.menuFile.insertAction(
            self.menuFile.actions()[self.menuFile.actions().index(self.actionDuplicate) + 1],
            self.actionLastCycle,
        )
        self.actionQuit.triggered.connect(self.close)
        self.actionFind.triggered.connect(self._find)
        self.actionShowTrash.toggled.connect(self.apply_filters)
        self.actionRefresh.triggered.connect(self.refresh)
        # Shortcuts are shown in menus and tooltips; the toolbar stays text only.
        for action in _menu_actions(self.menuBar()):
            action.setShortcutVisibleInContextMenu(True)

    # -- list ------------------------------------------------------------------------------

    def filter_values(self) -> dict[str, object]:
        return {
            "state": self.stateFilter.currentData(),
            "region": self.regionFilter.currentData(),
            "status": self.statusFilter.currentData(),
            "form_id": self.formFilter.currentData(),
            "review": self.reviewFilter.currentData(),
            "open_comments": self.openCommentsFilter.isChecked() or None,
            "text": self.searchEdit.text().strip() or None,
            "include_deleted": self.actionShowTrash.isChecked() or None,
        }

    def apply_filters(self, *args: object) -> None:
        self._search_timer.stop()
        self.refresh()

    def refresh(self, *args: object, select: str | None = None) -> None:
        """Read the list again (same filters, same order) and select ``select`` if listed."""
        keep = select or self.selected_uuid()
        self.model.refresh(**self.filter_values())
        self.update_status()
        if keep:
            self.select(keep)

    def on_changed(self, changed: Changed) -> None:
        """Refresh from what an operation changed: the rows when submissions came or went, else
        the one row (once edits pause); the filters when forms were stored."""
        if changed.forms:
            self.forms_changed()
        if changed.action == REVIEWED:
            self.model.reviews_changed()  # the open comments shown, on every row they touch
            if self.model.filters.get("review") or self.model.filters.get("open_comments"):
                self.refresh()  # the filters may no longer take a row, or take a new one
            return
        if changed.rows:
            self.refresh(select=changed.uuid)
        elif changed.uuid is not None:
            self._changed_rows.add(changed.uuid)
            self.refresh_soon.start()

    def _refresh_changed_rows(self) -> None:
        changed, self._changed_rows = sorted(self._changed_rows), set()
        if not all(self.model.refresh_row(uuid) for uuid in changed):
            self.refresh()
            return
        self.update_status()
        self.update_actions()

    def select(self, uuid: str) -> bool:
        if self.model.rowCount():
            self.model.submission(0)  # make sure the first page is read
        row = self.model.row_of(uuid)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def selected_uuid(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(UUID_ROLE) if index.isValid() else None

    def selected(self) -> Submission | None:
        uuid = self.selected_uuid()
        return None if uuid is None else self.store.get_submission(uuid)

    def update_actions(self, *args: object) -> None:
        sub = self.selected()
        listed = sub is not None and not sub.deleted
        self.actionOpen.setEnabled(listed)
        self.actionDuplicate.setEnabled(listed)
        self.actionLastCycle.setEnabled(sub is not None)
        self.actionTrash.setEnabled(listed)
        self.actionRestore.setEnabled(sub is not None and sub.deleted)
        self.actionExport.setEnabled(export_available())
        self.actionConsolidate.setEnabled(consolidate_available())

    def update_status(self) -> None:
        # A path reads left to right even inside Arabic text: isolate it (FSI ... PDI).
        path = f"\u2068{self.store.path}\u2069"
        self.location.setText(_("Database: {path}").format(path=path))
        shown = self.model.rowCount()
        # Unfiltered, the list's own count is the total: no second count of a large table.
        total = shown if not self.model.filters else self.store.count_submissions()
        if shown == total:
            text = ngettext("{n} submission", "{n} submissions", total).format(n=total)
        else:
            text = ngettext(
                "{shown} of {n} submission", "{shown} of {n} submissions", total
            ).format(shown=shown, n=total)
        self.counts.setText(text)
        self._show_empty_note(shown, total)
        at = last_backup(self.store)
        if at:
            moment = QDateTime.fromString(at, Qt.DateFormat.ISODateWithMs).toLocalTime()
            when = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
            self.last_backup.setText(_("Last backup: {when}").format(when=when))
        else:
            self.last_backup.setText(_("No backup yet"))
        warning = place_warning(self.store.path) if self.store.path is not None else None
        self.place_warning.setText(warning or "")
        self.place_warning.setVisible(bool(warning))
        tint(self.place_warning, problem_color(self.palette()))
        for label in (self.location, self.counts, self.last_backup, self.place_warning):
            label.setAccessibleName(label.text())  # status-bar labels are named, not blank

    def _show_empty_note(self, shown: int, total: int) -> None:
        if shown:
            self.empty_note.hide()
            return
        if total:
            text = _("No submission matches these filters and this search.")
        else:
            text = _(
                "No submission on this computer yet.\n\nStart one with {new}, or bring "
                "exported workbooks or JSON Lines files in with {import_}."
            ).format(new=_menu_name(self.actionNew), import_=_menu_name(self.actionImport))
        self.empty_note.setText(text)
        self.empty_note.show()

    def forms_changed(self) -> None:
        """A form was added: offer it in the forms filter (new submissions read the store)."""
        self._fill_filters(states=self._states_filled)

    def _find(self) -> None:
        self.searchEdit.setFocus()
        self.searchEdit.selectAll()

    # -- language ----------------------------------------------------------------------------

    def _fill_filters(self, *, states: bool = True) -> None:
        chosen = {c: c.currentData() for c in self._filters()}
        self.stateFilter.clear()
        self.stateFilter.addItem(_("All States"), None)
        if states:
            self._add_states()
        self.regionFilter.clear()
        self.regionFilter.addItem(_("All regions"), None)
        for code in REGIONS:
            self.regionFilter.addItem(code, code)
        self.statusFilter.clear()
        self.statusFilter.addItem(_("All statuses"), None)
        for status in STATUSES:
            self.statusFilter.addItem(_(STATUS_LABELS[status]), status)
        self.formFilter.clear()
        self.formFilter.addItem(_("All forms"), None)
        for form_id in sorted({f.form_id for f in self.store.list_forms()}):
            self.formFilter.addItem(form_id, form_id)
        self.reviewFilter.clear()
        self.reviewFilter.addItem(_("Any review"), None)
        for state, label in REVIEW_FILTERS.items():
            self.reviewFilter.addItem(_(label), state)
        for combo, value in chosen.items():
            combo.setCurrentIndex(max(combo.findData(value), 0))

    def _add_states(self) -> None:
        from gcm_collect.reference import (  # ~25 ms: after paint
            footnote_line,
            reviews_of,
            state_label,
            states,
        )

        lang = language()
        collator = QCollator(QLocale(lang))  # sorted as the display language sorts
        named = sorted(
            ((state_label(s.iso3, lang), s.iso3) for s in states() if reviews_of(s.iso3)),
            key=lambda pair: collator.sortKey(pair[0]),
        )
        for name, iso3 in named:
            self.stateFilter.addItem(name, iso3)
            footnote = footnote_line(iso3, lang, _)
            if footnote:  # Kosovo*: the footnote on hover
                self.stateFilter.setItemData(
                    self.stateFilter.count() - 1, footnote, Qt.ItemDataRole.ToolTipRole
                )

    def fill_states_filter(self) -> None:
        """Add the States to their filter if start-up left that for later (idempotent)."""
        if not self._states_filled:
            self._states_filled = True
            self._add_states()

    def _filters(self):
        return (
            self.stateFilter,
            self.regionFilter,
            self.statusFilter,
            self.formFilter,
            self.reviewFilter,
        )

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._states_filled:
            QTimer.singleShot(0, self.fill_states_filter)

    def showEvent(self, event) -> None:  # noqa: N802
        if self._language != language():  # switched while this window was hidden
            self.retranslate()
        super().showEvent(event)

    def retranslate(self, *, loading: bool = False) -> None:
        self._language = language()
        if not loading:  # load_ui has just shown the Designer texts in this language
            retranslate_ui(self)
            self._states_filled = True
        self._fill_filters(states=not loading)
        self.language_actions[language()].setChecked(True)
        self._retranslate_help()
        self.actionLastCycle.setText(_("Start from &last cycle…"))
        self.actionLastCycle.setToolTip(
            _("A new period's survey of the selected State, from its latest survey's answers")
        )
        unavailable = _("Not available yet in this version")
        if not export_available():
            self.actionExport.setToolTip(unavailable)
        if not consolidate_available():
            self.actionConsolidate.setToolTip(unavailable)
        self.model.retranslate()
        self.update_status()
        # Toolbar buttons show each action's icon text: the menu text without its mnemonic,
        # which CJK menus write as "(N)" (a toolbar has no mnemonics to show).
        for action in self.toolBar.actions():
            action.setIconText("")  # back to the text's own, in the new language
            action.setIconText(_CJK_MNEMONIC.sub("", action.iconText()))
        for view in list(self.open_forms.values()):
            retranslate = getattr(view, "retranslate", None)
            if callable(retranslate) and not view.isWindow():
                retranslate()
        name_by_visible_words(self)

    def closeEvent(self, event) -> None:  # noqa: N802
        # Form windows save as they go; closing them here just tidies up, unless one keeps
        # answers the database refused and the officer chooses to keep it open.
        for view in list(self.open_forms.values()):
            if not view.close():
                event.ignore()
                return
        # A worker still running (backup, import) finishes or stops before the window goes.
        for task in self.findChildren(Task):
            task.cancel()
            task.wait()
        super().closeEvent(event)
        if event.isAccepted() and self._listening:
            # a closed window follows no more changes: its database may be closed next
            changes().changed.disconnect(self.on_changed)
            self._listening = False


def _menu_name(action: QAction) -> str:
    """An action's menu text as a sentence names it: no mnemonic ("&", CJK "(&N)"), no "…"."""
    text = re.sub(r"\s*\(&\w\)", "", action.text()).replace("&", "")
    return f"\u2068{text.rstrip('…. ')}\u2069"  # isolated: keeps its own direction


def _menu_actions(menu):
    """Every action of a menu bar or menu, submenus included."""
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu())
        else:
            yield action


def _problem_counter(store: Store):
    def count(sub: Submission) -> int:
        # Imported on first use: the form engine loads after the window is shown.
        from gcm_collect.ops.submissions import count_problems

        return count_problems(store, sub.uuid)

    return count
