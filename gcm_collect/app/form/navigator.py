"""The section navigator: the form's groups, each with answered/required and a problem badge."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from gcm_collect.app.a11y import problem_color
from gcm_collect.app.form.sections import LOOSE, Node, Tally
from gcm_collect.forms import Form
from gcm_collect.i18n import _, ngettext

Index = QModelIndex | QPersistentModelIndex  # what Qt hands to the overrides below

COUNTS_ROLE = Qt.ItemDataRole.UserRole + 1  # "answered/required"
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2  # problem count, 0 for none


class _CountsDelegate(QStyledItemDelegate):
    """Draws the counts and the problem badge at the trailing edge of each section's row (one
    column keeps the tree model simple; the trailing edge is the left one in Arabic)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> None:
        counts = index.data(COUNTS_ROLE) or ""
        problems = index.data(BADGE_ROLE) or 0
        badge = f"\u26a0 {problems}" if problems else ""
        metrics = option.fontMetrics
        gap = metrics.horizontalAdvance("  ")
        width_counts = metrics.horizontalAdvance(counts) if counts else 0
        width_badge = metrics.horizontalAdvance(badge) if badge else 0
        reserved = width_counts + width_badge + (gap if counts else 0) + (gap if badge else 0)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        # The row's background (selection) across its whole width, then the text beside counts.
        full = QStyleOptionViewItem(option)
        self.initStyleOption(full, index)
        full.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, widget)
        text_option = QStyleOptionViewItem(option)
        rect = QRect(option.rect)
        if rtl:
            rect.setLeft(rect.left() + reserved)
        else:
            rect.setRight(rect.right() - reserved)
        text_option.rect = rect
        super().paint(painter, text_option, index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        normal = palette.highlightedText().color() if selected else palette.text().color()
        edge = option.rect.left() + 4 if rtl else option.rect.right() - 4
        for text, width, color in (
            (badge, width_badge, normal if selected else problem_color(palette)),
            (counts, width_counts, normal),
        ):
            if not text:
                continue
            box = QRect(edge, option.rect.top(), width, option.rect.height())
            if not rtl:
                box.moveRight(edge)
            painter.setPen(color)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter, text
            )
            edge = box.right() + gap if rtl else box.left() - gap
        painter.restore()


class Navigator(QTreeWidget):
    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sections")
        self.setColumnCount(1)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(_CountsDelegate(self))
        self.items: dict[str, QTreeWidgetItem] = {}
        self.tallies: dict[str, Tally] = {}
        self.currentItemChanged.connect(self._current)

    def build(self, nodes: list[Node], form: Form, lang: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.items.clear()

        def add(node: Node, parent) -> None:
            item = QTreeWidgetItem(parent)
            item.setData(0, Qt.ItemDataRole.UserRole, node.key)
            self.items[node.key] = item
            for child in node.children:
                add(child, item)

        for node in nodes:
            add(node, self)
        self.nodes = nodes
        self.blockSignals(False)
        self.retranslate(form, lang)

    def retranslate(self, form: Form, lang: str) -> None:
        self.setAccessibleName(_("Sections"))
        self.setHeaderLabel(_("Sections"))  # hidden, yet read: not "1"
        for key, item in self.items.items():
            if key == LOOSE:
                text = _("General")
            else:
                text = form.group(key).label(lang)[0] or key
            item.setText(0, text)
        self.show_tallies(self.tallies)

    def show_tallies(self, tallies: dict[str, Tally]) -> None:
        self.tallies = tallies
        for key, item in self.items.items():
            t = tallies.get(key, Tally())
            counts = f"{t.answered}/{t.required}" if t.required else ""
            if t.to_confirm:  # answers carried from last cycle, not confirmed yet
                counts = f"{counts}  \u21ba{t.to_confirm}".strip()
            if item.data(0, COUNTS_ROLE) != counts:
                item.setData(0, COUNTS_ROLE, counts)
            if item.data(0, BADGE_ROLE) != t.problems:
                item.setData(0, BADGE_ROLE, t.problems)
            spoken = ngettext(
                "{answered} of {n} required answers given",
                "{answered} of {n} required answers given",
                t.required,
            ).format(answered=t.answered, n=t.required)
            if t.problems:
                spoken += "; " + ngettext("{n} problem", "{n} problems", t.problems).format(
                    n=t.problems
                )
            if t.to_confirm:
                spoken += "; " + ngettext(
                    "{n} answer from last cycle to confirm",
                    "{n} answers from last cycle to confirm",
                    t.to_confirm,
                ).format(n=t.to_confirm)
            item.setToolTip(0, f"{item.text(0)}\n{spoken}")
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, spoken)

    def choose(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and item is not self.currentItem():
            self.blockSignals(True)  # choosing here follows the page; it must not re-navigate
            self.setCurrentItem(item)
            self.blockSignals(False)
            self.scrollToItem(item)

    def _current(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is not None:
            self.section_chosen.emit(item.data(0, Qt.ItemDataRole.UserRole))
