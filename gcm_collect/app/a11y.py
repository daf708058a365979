"""What the app tells screen readers and low-vision users beyond what Qt does by itself:
announcements of messages that appear away from the focus (a problem under a question, a save
failure, the submission's new status), text colours that read at 4.5:1 in any theme, and
accessible names made of the words on screen."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QAction,
    QColor,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QStyle,
    QWidget,
)

from gcm_collect.i18n import _


class _Announcer(QObject):
    # Every announcement also goes out as a signal: what tests and the log can follow, since
    # Qt offers no way to read its own accessibility events back.
    announced = Signal(str, bool)  # text, urgent


announcer = _Announcer()


def announce(
    widget: QWidget, text: str, urgent: bool = False, *, described: Sequence[QWidget] = ()
) -> None:
    """Have screen readers speak ``text`` now (urgent: interrupting what they are saying).
    ``described``: the widgets whose accessible description has just become ``text`` (or
    starts with its news). Orca speaks the new description of the object in focus by itself
    (its onDescriptionChanged), so on Linux, when one of them has the focus, the text is not
    announced again: it would be heard twice."""
    if not text:
        return
    if NOTIFY_BY_NOTICE and any(w is QApplication.focusWidget() for w in described):
        return
    if NOTIFY_BY_NOTICE:
        _notice(widget).tell(text)
    else:
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(
            QAccessible.AnnouncementPoliteness.Assertive
            if urgent
            else QAccessible.AnnouncementPoliteness.Polite
        )
        QAccessible.updateAccessibility(event)
    announcer.announced.emit(text, urgent)


# On Linux, Qt sends an announcement as AT-SPI's Announcement signal, which Orca before 47
# (Debian 12's 43, Ubuntu 24.04's 46) ignores; every Orca speaks an object of the role
# "notification" as it appears (its onShowingChanged). Sending both would make a newer Orca
# say everything twice, so Linux gets the notification only. Windows (UI Automation
# notifications) and macOS (NSAccessibility announcements) get Qt's announcement, with its
# politeness.
NOTIFY_BY_NOTICE = sys.platform.startswith("linux")


class Notice(QWidget):
    """A window's spoken notice: a 1x1 element, drawn as nothing, of the accessible role
    "notification", named by the last message and shown again for each one."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("a11yNotice")
        self.setFixedSize(1, 1)
        self.setFocusPolicy(self.focusPolicy().NoFocus)
        self.hide()

    def tell(self, text: str) -> None:
        self.hide()
        self.setAccessibleName(text)
        self.show()  # "showing" again: what Orca listens for


def _notice(widget: QWidget) -> Notice:
    window = widget.window()
    found = window.findChild(Notice, "a11yNotice")
    if found is None:
        install_factory()
        found = Notice(window)
    return found


_installed = False


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, Notice):
        return QAccessibleWidget(obj, QAccessible.Role.Notification)
    if isinstance(obj, QAction) and _owners(obj):
        return MenuItem(obj)
    return None


def install_factory() -> None:
    """Put the app's accessible roles in Qt's factory (the notice, menu items), once; before
    the first window is read, as Qt keeps the first interface made for an object."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _owners(action: QAction) -> list[QMenu | QMenuBar]:
    return [o for o in action.associatedObjects() if isinstance(o, QMenu | QMenuBar)]


class MenuItem(QAccessibleWidget):
    """A menu's or the menu bar's item as Qt's own (QAccessibleMenuItem, qaccessiblemenu.cpp)
    presents it, but named by its plain words: Qt strips the "&" only, so a Chinese "文件(&F)"
    was named "文件(F)"; the key stays in the Accelerator text and on screen. Qt asks its
    factories for a QAction's interface before making its own (getOrCreateMenu). Built on
    QAccessibleWidget, Qt's class that carries the action interface (press, show the menu);
    every call that would use its widget is answered here from the action. (PySide's stubs
    say no interface returns None; Qt's C++ returns null there, hence the ignores.)"""

    def __init__(self, action: QAction) -> None:
        super().__init__(_owners(action)[0], QAccessible.Role.MenuItem)
        self._action = action

    def owner(self) -> QMenu | QMenuBar | None:
        """The menu (or bar) showing the action: the open one, if it is in two."""
        if not shiboken6.isValid(self._action):
            return None
        owners = [o for o in _owners(self._action) if shiboken6.isValid(o)]
        shown = [o for o in owners if o.isVisible()]
        return (shown or owners)[0] if owners else None

    def isValid(self) -> bool:  # noqa: N802 - Qt override
        return self.owner() is not None

    def object(self) -> QObject | None:  # type: ignore[override]
        return self._action if shiboken6.isValid(self._action) else None

    def window(self):
        owner = self.owner()
        if owner is None:
            return None
        return owner.windowHandle() or owner.window().windowHandle()

    def role(self) -> QAccessible.Role:
        if self.isValid() and self._action.isSeparator():
            return QAccessible.Role.Separator
        return QAccessible.Role.MenuItem

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if kind == QAccessible.Text.Name:
            return plain(self._action.text())
        if kind == QAccessible.Text.Accelerator:
            keys = self._action.shortcut()
            if keys.isEmpty():
                keys = QKeySequence.mnemonic(self._action.text())
            return keys.toString(QKeySequence.SequenceFormat.NativeText)
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:  # noqa: N802 - Qt override
        pass

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        owner = self.owner()
        if owner is None:
            state.invalid = True
            return state
        action = self._action
        state.invisible = not owner.isVisible() or not action.isVisible()
        state.focused = owner.activeAction() == action
        state.hotTracked = bool(owner.style().styleHint(QStyle.StyleHint.SH_Menu_MouseTracking))
        state.disabled = action.isSeparator() or not action.isEnabled()
        state.checkable = action.isCheckable()
        state.checked = action.isChecked()
        return state

    def rect(self) -> QRect:
        owner = self.owner()
        if owner is None:
            return QRect()
        return owner.actionGeometry(self._action).translated(owner.mapToGlobal(QPoint(0, 0)))

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        owner = self.owner()
        return QAccessible.queryAccessibleInterface(owner) if owner is not None else None

    def childCount(self) -> int:  # noqa: N802 - Qt override
        return 1 if self.isValid() and self._action.menu() is not None else 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if index == 0 and self.childCount():
            return QAccessible.queryAccessibleInterface(self._action.menu())
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt override
        if self.childCount() and child is not None and child.object() is self._action.menu():
            return 0
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override] # noqa: N802
        found = self.child(0)
        return found if found is not None and found.rect().contains(x, y) else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override] # noqa: N802
        return None

    def relations(self, _match=None) -> list:
        return []

    def foregroundColor(self) -> QColor:  # noqa: N802 - Qt override
        return QColor()

    def backgroundColor(self) -> QColor:  # noqa: N802 - Qt override
        return QColor()

    # The action interface: a menu opens, an item is triggered (as Qt's own).
    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        if not self.isValid() or self._action.isSeparator():
            return []
        if self._action.menu() is not None:
            return [self.showMenuAction()]
        return [self.pressAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        owner = self.owner()
        if owner is None or not self._action.isEnabled():
            return
        if name == self.pressAction():
            self._action.trigger()
        elif name == self.showMenuAction():
            menu = self._action.menu()
            if isinstance(menu, QMenu) and menu.isVisible():
                menu.hide()
            else:
                owner.setActiveAction(self._action)

    def keyBindingsForAction(self, _name: str) -> list[str]:  # noqa: N802 - Qt override
        return []


def plain(text: str) -> str:
    """A button's or menu's text without its mnemonic: "&Save" -> "Save", "保存(&S)" -> "保存"
    (a screen reader reads the shortcut key on its own, not as part of the name); a closing
    ellipsis is not read either."""
    text = re.sub(r"\s*[(（]&\w[)）]", "", text)
    return re.sub(r"&(.)", r"\1", text).rstrip("…").rstrip()


# -- contrast (WCAG 1.4.3: 4.5:1 for text) ------------------------------------------------------

LEGIBLE = 4.5
PROBLEM_RED = QColor("#b3261e")  # the app's red for problems, where it is legible
CONFIRM_AMBER = QColor("#8a5300")  # answers to confirm, apart from the red of problems


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(color: QColor, palette: QPalette, *backgrounds: QPalette.ColorRole) -> QColor:
    """``color`` as it is when it reads at 4.5:1 on each background; else moved towards the
    palette's own text colour just enough (a dark theme's text is light, a high-contrast one's
    is the theme's): the hue stays, the theme wins."""
    grounds = [palette.color(role) for role in backgrounds or (QPalette.ColorRole.Window,)]
    text = palette.color(QPalette.ColorRole.WindowText)
    if color.alpha() < 255:  # a faded placeholder is drawn faded: judge what is drawn
        color = _mix(grounds[0], color, color.alphaF())
    for step in range(21):
        mixed = _mix(color, text, step / 20)
        if all(contrast(mixed, ground) >= LEGIBLE for ground in grounds):
            return mixed
    return text


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share,
        a.greenF() + (b.greenF() - a.greenF()) * share,
        a.blueF() + (b.blueF() - a.blueF()) * share,
    )


def tint(label: QWidget, color: QColor) -> None:
    """Write ``label`` in ``color`` (by palette: a style sheet on each of a page's hundreds of
    labels made showing the page several times slower, each one polished on its own)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


def faint_color(palette: QPalette) -> QColor:
    """Secondary text (hints, the Saved label): the placeholder colour, made legible."""
    return legible(
        palette.color(QPalette.ColorRole.PlaceholderText), palette, QPalette.ColorRole.Window
    )


def problem_color(palette: QPalette) -> QColor:
    return legible(PROBLEM_RED, palette, QPalette.ColorRole.Window, QPalette.ColorRole.Base)


def confirm_color(palette: QPalette) -> QColor:
    return legible(CONFIRM_AMBER, palette, QPalette.ColorRole.Window, QPalette.ColorRole.Base)


def make_placeholders_legible(palette: QPalette) -> QPalette:
    """Placeholder text (hints, "Type to search", the Saved label) at 4.5:1 on fields and on
    the window, in every colour group: Qt's default is the text at half opacity, about 3.8:1."""
    palette = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setCurrentColorGroup(group)
        palette.setColor(
            group,
            QPalette.ColorRole.PlaceholderText,
            legible(
                palette.color(QPalette.ColorRole.PlaceholderText),
                palette,
                QPalette.ColorRole.Window,
                QPalette.ColorRole.Base,
            ),
        )
    palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
    return palette


# -- names: the visible words, no mnemonic marker (WCAG 2.5.3, 4.1.2) ---------------------------


_MOVED = "a11yMovedName"  # the description this module made of a name, not the window's own


def name_by_visible_words(root: QWidget) -> None:
    """Make the accessible names under ``root`` start from the words on screen. Qt strips "&"
    but keeps Chinese "(&C)" as "(C)"; a name set apart from the text ("Choose folder" on a
    "Browse…" button) leaves a voice user saying "Browse" unheard. Such a name becomes the
    description, the visible words the name. Run after every (re)translation. Menu items are
    named by ``MenuItem``, installed here with the first window."""
    install_factory()
    for widget in (root, *root.findChildren(QWidget)):
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            _name_buddy(widget)
            name_label(widget)
            continue
        else:
            continue
        visible = plain(text)
        if not any(c.isalpha() for c in visible):
            continue  # a symbol ("×", "▲"): its accessible name says what it does
        name = widget.accessibleName()
        if not name:
            if "&" in text:
                widget.setAccessibleName(visible)
        elif visible.casefold() not in name.casefold():
            description = widget.accessibleDescription()
            if description and widget.property(_MOVED) != description:
                name = _("{choice}: {question}").format(choice=visible, question=name)
            else:  # no description, or the one moved here in another language
                widget.setAccessibleDescription(name)
                widget.setProperty(_MOVED, name)
                name = visible
            widget.setAccessibleName(name)


_LABEL_NAME = "a11yLabelName"  # the name this module gave a label, not the window's own


def name_label(label: QLabel) -> None:
    """A label's own name, its words without the key marker: Qt strips the "&" only, leaving
    Chinese "错误(&P)" as "错误(P)", and Orca reads a field's label as it reads the field.
    Run again when the label's text changes."""
    name = label.accessibleName()
    if name and name != label.property(_LABEL_NAME):
        return  # named by its window
    words = plain(label.text()) if "&" in label.text() else ""
    label.setAccessibleName(words)
    label.setProperty(_LABEL_NAME, words)


def _name_buddy(label: QLabel) -> None:
    # A field without a name of its own is named after its label's text, marker included.
    buddy = label.buddy()
    if not buddy.accessibleName() and "&" in label.text():
        buddy.setAccessibleName(plain(label.text()).rstrip(":：").strip())
