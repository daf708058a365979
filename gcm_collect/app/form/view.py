"""The form view of one submission: sections on the left, the questions of the current section,
problems that jump to their question, autosave, and the lifecycle buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import shiboken6
from babel import Locale
from PySide6.QtCore import QEvent, QPoint, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.a11y import (
    announce,
    faint_color,
    name_by_visible_words,
    name_label,
    problem_color,
    tint,
)
from gcm_collect.app.changes import broadcast, changes
from gcm_collect.app.form import search
from gcm_collect.app.form.controller import FormController
from gcm_collect.app.form.findbar import FindBar
from gcm_collect.app.form.history import HistoryDialog, answer_text
from gcm_collect.app.form.hub_check import HubCheckDialog
from gcm_collect.app.form.menus import FormMenus
from gcm_collect.app.form.navigator import Navigator
from gcm_collect.app.form.page import Page
from gcm_collect.app.form.problems import ProblemList, describe_path
from gcm_collect.app.form.progress import SurveyProgress
from gcm_collect.app.form.readthrough import read_through
from gcm_collect.app.form.report_paper import ReportPaper
from gcm_collect.app.form.review import ReviewDialog
from gcm_collect.app.form.review_panel import ReviewPanel
from gcm_collect.app.form.reviewer_panel import ReviewerPanel
from gcm_collect.app.form.sections import (
    LOOSE,
    Node,
    all_nodes,
    overall,
    section_keys,
    section_tree,
    stops,
    tally,
)
from gcm_collect.app.platform_keys import native
from gcm_collect.forms import Evaluation, make_path, parse_path
from gcm_collect.i18n import N_, _, is_rtl, language, ngettext, translator
from gcm_collect.ops.changes import EDITED, REVIEWED, Changed
from gcm_collect.reference import state_name
from gcm_collect.store import Store
from gcm_collect.vocabulary import NATIVE_NAMES

STATUS = {"draft": N_("Draft"), "complete": N_("Complete"), "finalized": N_("Finalized")}


def language_name(code: str) -> str:
    """A language named in itself (العربية, Français), as officers look for it."""
    if code in NATIVE_NAMES:  # the six UN languages without loading Babel's locale data
        return NATIVE_NAMES[code]
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:]


class FormView(QWidget):
    """One submission open for editing. Every change is written at once; nothing to save."""

    def __init__(
        self, store: Store, uuid: str, parent: QWidget | None = None, *, reviewing: bool = False
    ) -> None:
        """``reviewing``: a reviewer reads a workbook's submission (File ▸ Open for review):
        read only, a Comment… button under every question and the reviewer's decision."""
        super().__init__(parent)
        self.setObjectName("formView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.reviewing = reviewing
        self.ctrl = FormController(store, uuid, self, read_only=reviewing)
        self.pages: dict[str, QScrollArea] = {}
        self.history_dialog: HistoryDialog | None = None
        self.review_dialog: ReviewDialog | None = None
        self._shown_locked = False  # "Read only" is on show and must go once editable again
        # What the Saved label and the status line say, kept as state rather than as text so a
        # language switch can say it again in the new language.
        self._save_note = ""  # "", "saving", "saved" (at _saved_at) or "failed"
        self._saved_at: QTime | None = None
        self._message_text: Callable[[], str] | None = None
        self._message_error = False
        # What was last spoken of the status and of saving: a language switch says it again on
        # screen, not aloud.
        self._spoken_status: tuple | None = None
        self._spoken_saving = ("", 0)
        self._build()
        self.ctrl.evaluated.connect(self._evaluated)
        self.ctrl.saved.connect(self._saved)
        self.ctrl.pending.connect(lambda: self._note_save("saving"))
        self.ctrl.failed.connect(self._failed)
        self.ctrl.unsaved_changed.connect(self._unsaved_changed)
        self.ctrl.status_changed.connect(lambda _s: self._show_status())
        self.ctrl.title_changed.connect(lambda _t: self._show_title())
        self.ctrl.reloaded.connect(self._show_reloaded)
        # What this window writes goes out on the app's broadcast; what others change comes in.
        self.ctrl.changed.connect(broadcast)
        changes().changed.connect(self._changed_elsewhere)
        # Asked once the event that found the conflict is over (a focus change, a timer).
        self.ctrl.conflicted.connect(lambda _p: QTimer.singleShot(0, self._settle_conflicts))
        self._settling = False
        self._listening = True
        self._jump_on_show: str | None = None
        translator.on_change(self._language_changed)
        self._load()
        self._fit_screen()

    # -- layout -------------------------------------------------------------------------------

    def _fit_screen(self) -> None:
        """1180x780 where there is room; on a smaller screen (a 1366x768 laptop, its taskbar
        and title bar), the room there is: no part of the window, its buttons included, is
        off screen."""
        screen = self.screen() or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None or room.isEmpty():
            self.resize(1180, 780)
            return
        # Left for the window's frame and title bar, which availableGeometry() includes.
        self.resize(min(1180, room.width() - 16), min(780, room.height() - 48))

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("submissionTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status")
        self.form_lang_label = QLabel(self)
        self.form_lang = QComboBox(self)
        self.form_lang.setObjectName("formLanguage")
        self.form_lang_label.setBuddy(self.form_lang)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("saved")
        top.addWidget(self.title, 1)
        top.addWidget(self.status_label)
        top.addSpacing(16)
        self.progress = SurveyProgress(self)
        top.addWidget(self.progress)
        top.addSpacing(16)
        top.addWidget(self.form_lang_label)
        top.addWidget(self.form_lang)
        top.addSpacing(16)
        top.addWidget(self.saved_label)
        outer.addLayout(top)

        self.find_bar = FindBar(self._find_index, self)
        self.find_bar.go.connect(self.show_match)
        outer.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QSplitter(Qt.Orientation.Vertical, self.splitter)
        self.navigator = Navigator(left)
        problems_box = QWidget(left)
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 4, 0, 0)
        self.problems_title = QLabel(problems_box)
        self.problems = ProblemList(self.ctrl, problems_box)
        self.problems_title.setBuddy(self.problems)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems)
        panel = ReviewerPanel if self.reviewing else ReviewPanel
        self.review_panel = panel(self.ctrl, left)
        self.review_panel.jump.connect(self.jump_to)
        if isinstance(self.review_panel, ReviewerPanel):
            self.review_panel.commented.connect(lambda _path: self.show_review())
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setStretchFactor(2, 2)
        self.stack = QStackedWidget(self.splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 850])
        outer.addWidget(self.splitter, 1)

        bottom = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.complete_button = QPushButton(self)
        self.complete_button.setObjectName("markComplete")
        self.finalize_button = QPushButton(self)
        self.finalize_button.setObjectName("finalize")
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("reopen")
        self.history_button = QPushButton(self)
        self.history_button.setObjectName("history")
        bottom.addWidget(self.message, 1)
        self.confirm_section_button = QPushButton(self)
        self.confirm_section_button.setObjectName("confirmSection")
        self.confirm_section_button.hide()
        self.confirm_section_button.clicked.connect(self.confirm_section)
        bottom.addWidget(self.confirm_section_button)
        for button in (
            self.complete_button,
            self.finalize_button,
            self.reopen_button,
            self.history_button,
        ):
            bottom.addWidget(button)
        outer.addLayout(bottom)

        self._build_menus()
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._escape)
        self.navigator.section_chosen.connect(self.show_section)
        self.problems.jump.connect(self.jump_to)
        self.complete_button.clicked.connect(self.mark_complete)
        self.finalize_button.clicked.connect(self.finalize)
        self.reopen_button.clicked.connect(self.reopen)
        self.history_button.clicked.connect(self.show_history)
        self.form_lang.activated.connect(self._form_language_chosen)

    def _build_menus(self) -> None:
        """The window's commands in menus, with their keys. A button's own shortcut is its
        mnemonic (setText replaces it): the Ctrl keys its tooltip shows are the menu's, which
        click the button (nothing when it is disabled)."""
        menus = self.menus = FormMenus(self)
        layout = self.layout()
        assert layout is not None  # made in __init__
        layout.setMenuBar(menus.bar)
        menus.add(
            menus.edit,
            "actionFind",
            lambda: _("&Find…"),
            QKeySequence.StandardKey.Find,
            self.find_bar.open,
        )
        menus.add(
            menus.edit,
            "actionFindNext",
            lambda: _("Find &next"),
            QKeySequence.StandardKey.FindNext,
            lambda: self.find_bar.step(1),
        )
        menus.add(
            menus.edit,
            "actionFindPrevious",
            lambda: _("Find &previous"),
            QKeySequence.StandardKey.FindPrevious,
            lambda: self.find_bar.step(-1),
        )
        self.confirm_section_action = menus.add(
            menus.edit,
            "actionConfirmSection",
            lambda: _("Confirm &all in this section"),
            None,
            self.confirm_section,
        )
        menus.add(
            menus.go,
            "actionNextSection",
            lambda: _("&Next section"),
            "Ctrl+PgDown",
            lambda: self.step_section(1),
        )
        menus.add(
            menus.go,
            "actionPreviousSection",
            lambda: _("&Previous section"),
            "Ctrl+PgUp",
            lambda: self.step_section(-1),
        )
        menus.add(
            menus.submission,
            "actionReview",
            lambda: _("&Review answers…"),
            "Ctrl+R",
            self.open_review,
        )
        # The review report of this submission (gcm_collect.documents), in the form language.
        self.report_paper = ReportPaper(
            self, lambda: (self.ctrl.store, self.ctrl.uuid, self.ctrl.form_lang)
        )
        menus.add(
            menus.submission,
            "actionPrintReport",
            lambda: _("&Print report…"),
            QKeySequence.StandardKey.Print,
            self.report_paper.open_preview,
        )
        menus.add(
            menus.submission,
            "actionSaveReportPdf",
            lambda: _("Save report as P&DF…"),
            None,
            lambda: self.report_paper.ask_and_save(".pdf"),
        )
        menus.add(
            menus.submission,
            "actionSaveReportWord",
            lambda: _("Save report as &Word…"),
            None,
            lambda: self.report_paper.ask_and_save(".docx"),
        )
        menus.add(
            menus.submission,
            "actionHubCheck",
            lambda: _("Check practices for the H&ub…"),
            None,
            self.open_hub_check,
        )
        menus.submission.addSeparator()
        for name, text, keys, button in (
            (
                "actionMarkComplete",
                lambda: _("Mark &complete"),
                "Ctrl+Shift+M",
                self.complete_button,
            ),
            ("actionFinalize", lambda: _("F&inalize…"), "Ctrl+Shift+F", self.finalize_button),
            (
                "actionReopen",
                lambda: _("Re&open as a new revision"),
                "Ctrl+Shift+R",
                self.reopen_button,
            ),
            ("actionHistory", lambda: _("&History"), "Ctrl+H", self.history_button),
        ):
            menus.add(menus.submission, name, text, keys, button.click)
        menus.submission.addSeparator()
        # Close from the keyboard (Ctrl+W, or the platform's own keys, and Esc): close() goes
        # through closeEvent, which writes pending typing first, as closing with the mouse does.
        menus.add(
            menus.submission,
            "actionClose",
            lambda: _("C&lose"),
            QKeySequence.StandardKey.Close,
            self.close,
        )

    def _keys(self, action: str) -> str:
        """The keys of one of the window's menu actions, as the system writes them."""
        found = self.findChild(QAction, action)
        return native(found) if found is not None else ""

    def _load(self) -> None:
        """(Re)build everything for the controller's submission (at start and after Reopen)."""
        for page in self.pages.values():
            page.deleteLater()
        self.pages.clear()
        self.ctrl.parts.clear()
        form = self.ctrl.form
        self.nodes = section_tree(form)
        self.node_by_key = {n.key: n for n in all_nodes(self.nodes)}
        self.keys = section_keys(form, self.nodes)
        self.item_order = {item.name: i for i, item in enumerate(form.walk())}
        # Only top-level sections have a page; a nested one is a place in its page.
        self.top_of = {n.key: top.key for top in self.nodes for n in all_nodes([top])}
        self.navigator.build(self.nodes, form, self.ctrl.form_lang)
        self.form_lang.clear()
        for code in form.languages:
            self.form_lang.addItem(language_name(code), code)
        self.retranslate(evaluated=True)  # the controller has just evaluated, in this language
        self._evaluated(self.ctrl.evaluation)
        last = self.ctrl.resume_path
        if last and not self.jump_to(last):
            last = None
        # Scrolling and focus need the window on screen: done again once it is shown.
        self._jump_on_show = last if not self.isVisible() else None
        if not last and self.nodes:
            self.show_section(self.nodes[0].key)

    # -- sections -----------------------------------------------------------------------------

    def show_section(self, key: str) -> None:
        """Show a section: its top-level page, scrolled to the group when it is a nested one."""
        node = self.node_by_key.get(key)
        if node is None:
            return
        top = self.top_of[key]
        scroll = self.pages.get(top)
        if scroll is None:
            scroll = self._make_page(self.node_by_key[top])
        self.stack.setCurrentWidget(scroll)
        self.navigator.choose(key)
        frame = self.ctrl.parts.get(key) if key != top else None
        if isinstance(frame, QWidget):
            scroll.widget().layout().activate()
            y = frame.mapTo(scroll.widget(), QPoint(0, 0)).y()
            scroll.verticalScrollBar().setValue(y)
        elif key == top:
            scroll.verticalScrollBar().setValue(0)
        self._show_confirm_section(self.navigator.tallies)
        self._comment_buttons()

    def _make_page(self, node: Node) -> QScrollArea:
        scroll = QScrollArea(self.stack)
        scroll.setObjectName(f"page_{node.key or 'general'}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        group = node.group
        title = (
            _("General")
            if node.key == LOOSE or group is None
            else group.label(self.ctrl.form_lang)[0]
        )
        items = node.items
        if node.group is not None and node.group.is_repeat:
            items = (node.group,)
        page = Page(self.ctrl, items, (), scroll, title)
        scroll.setAccessibleName(title)  # it takes focus (to scroll by keys): it says where
        page.setLayoutDirection(self._form_direction())
        scroll.setWidget(page)
        self.pages[node.key] = scroll
        self.stack.addWidget(scroll)
        for part in list(self.ctrl.parts.values()):
            part.apply(self.ctrl.evaluation)
        self._comment_buttons()
        self._buttons_after_pages()
        return scroll

    def _comment_buttons(self) -> None:
        """Reviewing: a Comment… button under each question built so far."""
        if isinstance(self.review_panel, ReviewerPanel):
            for page in self.pages.values():
                self.review_panel.add_comment_buttons(page)

    def _buttons_after_pages(self) -> None:
        """Tab reaches the bottom buttons after the questions, as they are seen (WCAG 2.4.3):
        a page built once the window is open would otherwise come after them in the chain."""
        last, widget = None, self.nextInFocusChain()
        while widget is not self and widget is not None:
            # Qt orders only focusable widgets (a page's scroll bars are not).
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and self.stack.isAncestorOf(widget):
                last = widget
            widget = widget.nextInFocusChain()
        for button in (
            self.confirm_section_button,
            self.complete_button,
            self.finalize_button,
            self.reopen_button,
            self.history_button,
        ):
            if last is not None:
                QWidget.setTabOrder(last, button)
            last = button

    def current_section(self) -> str | None:
        for key, scroll in self.pages.items():
            if scroll is self.stack.currentWidget():
                return key
        return None

    def jump_to(self, path: str) -> bool:
        """Show the question at ``path`` (its section, its repeat entry) and put focus on it."""
        try:
            name, pairs = parse_path(path)
        except ValueError:
            return False
        if name not in self.ctrl.form:
            return False
        keys = self.keys.get(name, ())
        if not keys:
            return False
        # The innermost section that is a group frame on the page (not a repeat's group).
        self.show_section(keys[0])
        self.navigator.choose(keys[-1])
        self._show_confirm_section(self.navigator.tallies)
        for depth, (repeat, iid) in enumerate(pairs):
            editor = self.ctrl.parts.get(make_path(repeat, pairs[:depth]))
            if editor is None:
                return False
            cast(Any, editor).select(iid)  # a repeat's editor
        widget = self.ctrl.parts.get(path)
        scroll = self.stack.currentWidget()
        if widget is None or not isinstance(scroll, QScrollArea):
            return False
        scroll.ensureWidgetVisible(cast(QWidget, widget), 40, 80)
        focus = getattr(widget, "focus_input", None)
        if focus is not None:
            focus()
        return True

    def step_section(self, step: int) -> bool:
        """Show the next (1) or previous (-1) section as the navigator lists it (an open branch's
        sub-sections included), focus on its first field; False at either end."""
        current = self.navigator.currentItem()
        if current is None:
            return False
        item = self.navigator.itemBelow(current) if step > 0 else self.navigator.itemAbove(current)
        if item is None:
            return False
        key = item.data(0, Qt.ItemDataRole.UserRole)
        self.show_section(key)
        scroll = self.stack.currentWidget()
        if not isinstance(scroll, QScrollArea):
            return False
        frame = self.ctrl.parts.get(key) if key != self.top_of[key] else None
        container = frame if isinstance(frame, QWidget) else scroll.widget()
        if container is not None:
            self._focus_first(container, scroll)
        return True

    def _focus_first(self, container: QWidget, scroll: QScrollArea) -> None:
        """Focus the first field of ``container`` (in the Tab order), the page scrolled to it."""
        widget = container.nextInFocusChain()
        while widget is not None and widget is not container and container.isAncestorOf(widget):
            if (
                widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                scroll.ensureWidgetVisible(widget, 40, 80)
                return
            widget = widget.nextInFocusChain()

    # -- answers carried from last cycle --------------------------------------------------------

    def _to_confirm_in_order(self) -> list[str]:
        """The answers still to confirm that are asked now, in page order."""
        ctrl = self.ctrl
        if not ctrl.to_confirm:
            return []
        # Sorted, not found by walking the whole form: a survey of 50 practices has thousands
        # of places and this runs after every answer. Section, then entry, then question.
        sections = {node.key: i for i, node in enumerate(self.nodes)}

        def place(path: str) -> tuple:
            name, pairs = parse_path(path)
            entries = []
            for depth, (repeat, iid) in enumerate(pairs):
                order = ctrl.instances.get(make_path(repeat, pairs[:depth]), [])
                entries.append(order.index(iid) if iid in order else len(order))
            keys = self.keys.get(name, ())
            return (sections.get(keys[0], 0) if keys else 0, entries, self.item_order[name])

        relevant = ctrl.evaluation.relevant
        marked = []
        for path in ctrl.to_confirm:
            if path in relevant:
                try:
                    name = parse_path(path)[0]
                except ValueError:
                    continue
                if name in self.item_order and self.keys.get(name):
                    marked.append(path)
        return sorted(marked, key=place)

    def _section_key(self) -> str | None:
        item = self.navigator.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_confirm_section(self, tallies: dict) -> None:
        key = self._section_key()
        t = tallies.get(key) if key is not None else None
        shown = bool(t and t.to_confirm) and not self.ctrl.locked
        self.confirm_section_button.setVisible(shown)
        self.confirm_section_action.setEnabled(shown)

    def confirm_section(self) -> list[str]:
        """Confirm every answer carried from last cycle in the section shown (and the
        sub-sections in it)."""
        key = self._section_key()
        if key is None:
            return []
        paths = [
            path
            for path in self._to_confirm_in_order()
            if key in self.keys.get(parse_path(path)[0], ())
        ]
        return self.ctrl.confirm(paths)

    # -- find in form ---------------------------------------------------------------------------

    def _find_index(self) -> list[tuple[str, str]]:
        ctrl = self.ctrl
        evaluation = ctrl.evaluation
        found = stops(self.nodes, ctrl.instances, evaluation.relevant)
        return search.index(ctrl.form, found, evaluation, ctrl.form_lang)

    def show_match(self, path: str) -> None:
        """A match of the find bar: its section, its entry, the question in view with focus."""
        self.jump_to(path)

    # -- evaluation and saving ----------------------------------------------------------------

    def _evaluated(self, evaluation: Evaluation) -> None:
        for part in list(self.ctrl.parts.values()):
            part.apply(evaluation)
        tallies = tally(self.ctrl.form, evaluation, self.keys, self.ctrl.to_confirm)
        self.navigator.show_tallies(tallies)
        self.progress.show_tally(overall(tallies, self.nodes))
        self._show_confirm_section(tallies)
        self.find_bar.changed()
        if self.review_dialog is not None and self.review_dialog.isVisible():
            self.review_dialog.refresh()
        self.problems.show_problems(evaluation, to_confirm=self._to_confirm_in_order())
        n = len(evaluation.problems)
        self.problems_title.setText(
            ngettext("&Problems ({n})", "&Problems ({n})", n).format(n=n)
            if n
            else _("&Problems: none")
        )
        name_label(self.problems_title)
        self._show_status()

    # -- answers saved elsewhere --------------------------------------------------------------

    def _show_reloaded(self, paths: set[str]) -> None:
        """Answers saved elsewhere meanwhile, which the officer had not changed: shown as
        they are now (a list, an other-text, a calculation follow through the evaluation)."""
        for path in paths:
            part = self.ctrl.parts.get(path)
            if part is None and path.endswith("_other"):
                part = self.ctrl.parts.get(path.removesuffix("_other"))
            show = getattr(part, "show_saved", None)
            if show is not None:
                show()

    def _settle_conflicts(self) -> None:
        """For each answer the officer changed that was also saved elsewhere: both values, and
        their choice; nothing is overwritten without it."""
        if self._settling or not shiboken6.isValid(self):
            return
        self._settling = True
        try:
            while self.ctrl.conflicts:
                path, (mine, saved) = next(iter(self.ctrl.conflicts.items()))
                lang = self.ctrl.form_lang
                text = _(
                    "{question} was saved elsewhere (by an import or another program) after "
                    "this window opened it.\n\nYour answer: {mine}\nSaved answer: {saved}"
                ).format(
                    question=describe_path(self.ctrl.form, lang, self.ctrl.instances, path),
                    mine=answer_text(self.ctrl.form, path, mine, lang) or _("(no answer)"),
                    saved=answer_text(self.ctrl.form, path, saved, lang) or _("(no answer)"),
                )
                choice = messages.choose(
                    self,
                    _("Answer changed elsewhere"),
                    text,
                    # The first is the default (Enter): the safe one, nothing is overwritten.
                    [("saved", _("Take the saved one")), ("keep", _("Keep mine"))],
                )
                self.ctrl.resolve(path, keep_mine=choice == "keep")
        finally:
            self._settling = False

    def _saved(self, _path: str, _value: object) -> None:
        self._saved_at = QTime.currentTime()
        self._note_save("saved")
        self._say(None)

    def _failed(self, message: str) -> None:
        self._note_save("failed")
        # The core's message comes translated already and cannot be said again: it stays as is.
        self._say(lambda: message, error=True)

    def _unsaved_changed(self) -> None:
        for part in list(self.ctrl.parts.values()):
            show_problem = getattr(part, "show_problem", None)
            if show_problem is not None:
                show_problem(self.ctrl.evaluation)
        self._show_saved()

    def _note_save(self, note: str) -> None:
        self._save_note = note
        self._show_saved()

    def _show_saved(self) -> None:
        unsaved = len(self.ctrl.unsaved)
        palette = self.palette()
        tint(self.saved_label, problem_color(palette) if unsaved else faint_color(palette))
        self.saved_label.setToolTip(self.ctrl.unsaved_reason if unsaved else "")
        if self.ctrl.locked:
            text = _("Read only")
        elif unsaved:
            # Never "Saved" while an answer on screen is not on disk, whatever was written since.
            text = ngettext(
                "Not saved: {n} answer, trying again",
                "Not saved: {n} answers, trying again",
                unsaved,
            ).format(n=unsaved)
        elif self._save_note == "saving":
            text = _("Saving…")
        elif self._save_note == "saved" and self._saved_at is not None:
            text = _("Saved {time}").format(time=self._saved_at.toString("HH:mm:ss"))
        elif self._save_note == "failed":
            text = _("Not saved")
        else:
            text = ""
        self.saved_label.setText(text)
        # Spoken when saving fails or works again, not at every keystroke's "Saving…, Saved".
        state = ("failed" if unsaved or self._save_note == "failed" else "", unsaved)
        if state != self._spoken_saving and not self.ctrl.locked:
            failed_before = bool(self._spoken_saving[0])
            self._spoken_saving = state
            if state[0] or failed_before:
                announce(self.saved_label, text, urgent=bool(state[0]))

    def _say(self, text: Callable[[], str] | None, error: bool = False) -> None:
        """Show a message on the status line; ``text`` is called again on a language switch."""
        self._message_text = text
        self._message_error = error
        self._show_message()
        announce(self.message, self.message.text(), urgent=error)

    def _show_message(self) -> None:
        palette = self.palette()
        tint(
            self.message,
            problem_color(palette) if self._message_error else palette.windowText().color(),
        )
        self.message.setText(self._message_text() if self._message_text is not None else "")

    def _show_status(self) -> None:
        sub = self.ctrl.submission
        self.status_label.setText(
            _("{status} · revision {revision}").format(
                status=_(STATUS.get(sub.status, sub.status)), revision=sub.revision
            )
        )
        self.status_label.setAccessibleName(self.status_label.text())
        spoken = (sub.status, sub.revision, sub.deleted)
        if self._spoken_status is not None and spoken != self._spoken_status:
            announce(self.status_label, self.status_label.text())
        self._spoken_status = spoken
        locked = self.ctrl.locked
        self.complete_button.setEnabled(sub.status == "draft" and not locked)
        self.finalize_button.setEnabled(sub.status == "complete" and not locked)
        self.complete_button.setVisible(not self.reviewing)
        self.finalize_button.setVisible(not self.reviewing)
        self.reopen_button.setVisible(sub.status == "finalized" and not self.reviewing)
        self.reopen_button.setEnabled(
            sub.status == "finalized" and not sub.deleted and not self.reviewing
        )
        self.form_lang.setEnabled(True)
        if self._shown_locked and not locked:  # reopened or restored: editable again
            self._save_note = ""
        self._shown_locked = locked
        self._show_saved()

    # -- lifecycle ----------------------------------------------------------------------------

    def mark_complete(self) -> bool:
        if self.ctrl.mark_complete():
            self._say(lambda: _("Marked complete. Finalize it when it is ready to send."))
            return True
        n = len(self.ctrl.evaluation.problems)
        if n:
            self._say(
                lambda: ngettext(
                    "Not complete yet: {n} problem to fix (see the list of problems).",
                    "Not complete yet: {n} problems to fix (see the list of problems).",
                    n,
                ).format(n=n),
                error=True,
            )
            self.problems.setCurrentRow(0)
            self.problems.setFocus()
        return False

    def finalize(self) -> bool:
        """Asked first, with a read-through of every answer offered before it is locked; answers
        carried from last cycle and not confirmed yet are said first."""
        question = _(
            "Finalize this submission? It will be locked; to change it later you reopen it as "
            "a new revision."
        )
        unconfirmed = len(self._to_confirm_in_order())
        if unconfirmed:
            question = (
                ngettext(
                    "{n} answer carried over from last cycle is not confirmed yet.",
                    "{n} answers carried over from last cycle are not confirmed yet.",
                    unconfirmed,
                ).format(n=unconfirmed)
                + "\n\n"
                + question
            )
        choice = messages.choose(
            self,
            _("Finalize"),
            question,
            [("finalize", _("Finalize")), ("review", _("Review answers first"))],
        )
        if choice == "review":
            self.open_review(finalizing=True)
            return False
        return choice == "finalize" and self._finalize_now()

    def _finalize_now(self) -> bool:
        if self.ctrl.finalize():
            for part in list(self.ctrl.parts.values()):
                part.apply(self.ctrl.evaluation)
            self._say(
                lambda: _("Finalized: the submission is locked. Reopen it to make a new revision.")
            )
            self.reopen_button.setFocus()  # the only action left: keep the keyboard on it
            return True
        return False

    def _finalize_after_review(self) -> bool:
        """Finalize from the read-through: asked once more, plainly."""
        question = _(
            "Finalize this submission? It will be locked; to change it later you reopen it as "
            "a new revision."
        )
        return messages.ask(self, _("Finalize"), question) and self._finalize_now()

    # -- review -------------------------------------------------------------------------------

    def _review_content(self) -> tuple[str, list, bool]:
        ctrl = self.ctrl
        parts = read_through(ctrl.form, self.nodes, ctrl.instances, ctrl.evaluation, ctrl.form_lang)
        return self.title.text(), parts, is_rtl(ctrl.form_lang)

    def open_review(self, finalizing: bool = False) -> ReviewDialog:
        """Every answer to read through, each a link back to its question."""
        self.ctrl.flush()
        if self.review_dialog is not None:
            self.review_dialog.close()
            self.review_dialog.deleteLater()
        finalize = self._finalize_after_review if finalizing else None
        self.review_dialog = ReviewDialog(self._review_content, self, finalize)
        self.review_dialog.setLayoutDirection(self.layoutDirection())
        self.review_dialog.jump.connect(self._jump_from_review)
        self.review_dialog.show()
        return self.review_dialog

    def open_hub_check(self) -> HubCheckDialog:
        """The Hub's checklist on each practice of this submission (gcm-collect hub)."""
        self.ctrl.flush()
        dialog = HubCheckDialog(self.ctrl.store, self.ctrl.uuid, self.ctrl.form_lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.hub_check_dialog = dialog
        return dialog

    def _jump_from_review(self, path: str) -> None:
        self.raise_()
        self.activateWindow()
        self.jump_to(path)

    def _changed_elsewhere(self, changed: Changed) -> None:
        """Another window or an operation changed this submission: read it again (answers,
        status, entries), and the history if it is open."""
        if not changed.touches(self.ctrl.uuid):
            return
        if changed.action == REVIEWED:  # a reply: the answers are as they were
            self.show_review()
        elif changed.action != EDITED or changed.uuid != self.ctrl.uuid:  # not this window's own
            self.ctrl.follow_elsewhere(force=True)
            self.show_review()  # an imported return file brings comments and a decision
        if self.history_dialog is not None and self.history_dialog.isVisible():
            self.history_dialog.show_entries(self.ctrl.history())

    def show_review(self) -> None:
        """Read the reviewers' threads again: the panel and each question's show them."""
        if not self.ctrl.store.is_open:  # a window closed over a closed database: nothing
            return
        self.ctrl.read_threads()
        self.review_panel.refresh()
        for part in list(self.ctrl.parts.values()):
            show = getattr(part, "show_threads", None)
            if show is not None:
                show()

    def reopen(self) -> str | None:
        changed = self.ctrl.reopen()
        if changed is None:
            return None
        self._load()
        broadcast(changed)  # a new row of the list, made from this one
        revision = self.ctrl.submission.revision
        self._say(lambda: _("Reopened as revision {revision}.").format(revision=revision))
        return changed.uuid

    def show_history(self) -> HistoryDialog:
        self.ctrl.flush()
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(
            self.ctrl.history(),
            self.ctrl.form,
            lambda: self.ctrl.form_lang,  # follows the form language, also after a switch
            self,
            revision=self.ctrl.submission.revision,
            instances=self.ctrl.instances,
        )
        self.history_dialog.show()
        return self.history_dialog

    # -- languages ----------------------------------------------------------------------------

    def _form_direction(self) -> Qt.LayoutDirection:
        return (
            Qt.LayoutDirection.RightToLeft
            if is_rtl(self.ctrl.form_lang)
            else Qt.LayoutDirection.LeftToRight
        )

    def _form_language_chosen(self, index: int) -> None:
        code = self.form_lang.itemData(index)
        self.ctrl.form_lang_chosen = None if code == language() else code
        self.retranslate()

    def set_form_language(self, code: str | None) -> None:
        """Show the form in ``code`` (None: follow the app's language)."""
        self.ctrl.form_lang_chosen = None if code == language() else code
        self.retranslate()

    def _language_changed(self, _code: str) -> None:
        if shiboken6.isValid(self):  # a view deleted without being closed stays silent
            self.retranslate()

    def retranslate(self, evaluated: bool = False) -> None:
        """Chrome in the app's language, the form in the form language; nothing typed is lost.
        ``evaluated``: the evaluation is already in these languages (opening), none is redone."""
        self.ctrl.flush()
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_rtl(language()) else Qt.LayoutDirection.LeftToRight
        )
        form = self.ctrl.form
        form_title = form.label(self.ctrl.form_lang)[0]
        self._show_title()  # and the window's title
        self.title.setToolTip(f"{form_title} {form.version}")
        self.form_lang_label.setText(_("&Form language:"))
        self.form_lang.setAccessibleName(_("Form language"))
        index = self.form_lang.findData(self.ctrl.form_lang)
        if index >= 0:
            self.form_lang.setCurrentIndex(index)
        self.complete_button.setText(_("Mark &complete"))
        self.complete_button.setToolTip(
            _("Mark complete ({keys})").format(keys=self._keys("actionMarkComplete"))
        )
        self.finalize_button.setText(_("F&inalize"))
        self.finalize_button.setToolTip(
            _("Finalize ({keys})").format(keys=self._keys("actionFinalize"))
        )
        self.reopen_button.setText(_("Re&open"))
        self.reopen_button.setToolTip(
            _("Reopen as a new revision ({keys})").format(keys=self._keys("actionReopen"))
        )
        self.history_button.setText(_("&History"))
        self.history_button.setToolTip(
            _("History ({keys})").format(keys=self._keys("actionHistory"))
        )
        self.problems.setAccessibleName(_("Problems"))
        self.stack.setAccessibleName(_("Questions"))
        self.navigator.retranslate(form, self.ctrl.form_lang)
        self.menus.retranslate()
        self.find_bar.retranslate()
        self.confirm_section_button.setText(_("Confirm all in this section"))
        self.confirm_section_button.setToolTip(
            _("Keep every answer carried from last cycle in this section as it is")
        )
        self.progress.retranslate()
        self.review_panel.retranslate()
        direction = self._form_direction()
        for key, scroll in self.pages.items():
            page: Any = scroll.widget()  # a section's page, with its heading
            page.setLayoutDirection(direction)
            group = self.node_by_key[key].group
            if group is not None:
                page.heading.setText(group.label(self.ctrl.form_lang)[0])
            else:
                page.heading.setText(_("General"))
            scroll.setAccessibleName(page.heading.text())
        if not evaluated:
            self.ctrl.reevaluate()  # messages in the new languages; emits evaluated
        for part in list(self.ctrl.parts.values()):
            part.retranslate()
        self.problems.show_problems(
            self.ctrl.evaluation, force=True, to_confirm=self._to_confirm_in_order()
        )
        self._show_status()  # and the Saved label
        self._show_message()
        name_by_visible_words(self)

    def _show_title(self) -> None:
        sub = self.ctrl.submission
        self.setWindowTitle(
            _("{state} {period} — GCM Collect").format(
                state=state_name(sub.state, language()), period=sub.period
            )
        )
        text = f"{state_name(sub.state, language())} · {sub.period} · {sub.region}"
        # The form's instance_name gives each submission a title of its own.
        self.title.setText(f"{text} — {sub.title}" if sub.title else text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.ctrl.follow_elsewhere()  # back from the command line or another window

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.ctrl.elsewhere_timer.start()
        path, self._jump_on_show = self._jump_on_show, None
        if path:
            QTimer.singleShot(0, lambda: shiboken6.isValid(self) and self.jump_to(path))

    # -- closing ------------------------------------------------------------------------------

    def _escape(self) -> None:
        """Esc closes what is open on top first (a search's suggestions, a list, a calendar),
        and the window only when nothing is."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            return
        if self.find_bar.isVisible():
            self.close_find()
            return
        self.close()

    def close_find(self) -> None:
        """Close the find bar; the keyboard goes back to the form (the match shown, if any)."""
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.find_bar.isAncestorOf(focused)
        self.find_bar.hide()
        if had_focus:
            current = (
                self.find_bar.found[self.find_bar.current] if self.find_bar.current >= 0 else None
            )
            shown = self.stack.currentWidget()
            if (current is None or not self.jump_to(current)) and shown is not None:
                shown.setFocus()

    def flush(self) -> None:
        """Write any typing still waiting for its short pause."""
        self.ctrl.flush()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.ctrl.settle()  # typing, answers refused before, then end/audit and the title
        if self.ctrl.unsaved:
            if not self._lose_unsaved():
                event.ignore()  # the answers stay on screen, still tried again
                return
            self.ctrl.forget_unsaved()
        self._stop_listening()
        super().closeEvent(event)

    def _lose_unsaved(self) -> bool:
        """Asked on closing while the database still refuses answers: True to close anyway."""
        n = len(self.ctrl.unsaved)
        question = ngettext(
            "{n} answer could not be saved: {reason}\n\nClose the form anyway and lose it?",
            "{n} answers could not be saved: {reason}\n\nClose the form anyway and lose them?",
            n,
        ).format(n=n, reason=self.ctrl.unsaved_reason)
        return messages.ask(self, _("Not saved"), question)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt name)
        self.ctrl.elsewhere_timer.stop()  # closed or minimized: looked at again when shown
        super().hideEvent(event)

    def _stop_listening(self) -> None:
        if not self._listening:
            return
        self._listening = False
        translator.off_change(self._language_changed)
        # a closed form follows no more changes: its database may be closed next
        changes().changed.disconnect(self._changed_elsewhere)
