"""What the app tells screen readers and low-vision users beyond what Qt does by itself:
announcements of messages that appear away from the focus (a problem under a question, a save
failure, the submission's new status), text colours that read at 4.5:1 in any theme, and
accessible names made of the words on screen."""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QGroupBox, QLabel, QWidget

from gcm_collect.i18n import _


class _Announcer(QObject):
    # Every announcement also goes out as a signal: what tests and the log can follow, since
    # Qt offers no way to read its own accessibility events back.
    announced = Signal(str, bool)  # text, urgent


announcer = _Announcer()


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have screen readers speak ``text`` now (urgent: interrupting what they are saying)."""
    if not text:
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
        _install_notice_role()
        found = Notice(window)
    return found


_installed = False


def _notice_role(_key: str, obj: QObject) -> QAccessibleWidget | None:
    if isinstance(obj, Notice):
        return QAccessibleWidget(obj, QAccessible.Role.Notification)
    return None


def _install_notice_role() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_notice_role)
        _installed = True


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
    description, the visible words the name. Run after every (re)translation."""
    for widget in (root, *root.findChildren(QWidget)):
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            _name_buddy(widget)
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


def _name_buddy(label: QLabel) -> None:
    # A field without a name of its own is named after its label's text, marker included.
    buddy = label.buddy()
    if not buddy.accessibleName() and "&" in label.text():
        buddy.setAccessibleName(plain(label.text()).rstrip(":：").strip())
