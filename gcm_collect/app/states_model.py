"""The States an officer can report on, by localised name, with search-as-you-type."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QAbstractListModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from gcm_collect.i18n import _, language
from gcm_collect.reference import (
    fold,
    footnote_line,
    reviews_of,
    state_label,
    state_search_names,
    states,
)

Index = QModelIndex | QPersistentModelIndex  # what Qt hands to the overrides below

ISO3_ROLE = Qt.ItemDataRole.UserRole + 1


class StatesModel(QAbstractListModel):
    """Every State that takes part in a regional review, by its UN name in the app language,
    sorted in that language."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # (iso3, name as shown, folded names + code, tooltip: the footnote of Kosovo*, else None)
        self._rows: list[tuple[str, str, str, str | None]] = []
        self._load()

    def _load(self) -> None:
        lang = language()
        collator = QCollator(QLocale(lang))
        rows = []
        exact: dict[str, frozenset[str]] = {}
        for s in states():
            if reviews_of(s.iso3):
                name = state_label(s.iso3, lang)
                # The shown name first (it ranks prefix matches), then the code and every other
                # name a user may type: "South Korea", "Corée du Sud", "KOR".
                others = state_search_names(s.iso3)
                tip = footnote_line(s.iso3, lang, _)
                rows.append((s.iso3, name, fold(f"{name} {s.iso3} {' '.join(others)}"), tip))
                exact[s.iso3] = frozenset(fold(n) for n in (s.iso3, name, *others))
        rows.sort(key=lambda row: collator.sortKey(row[1]))
        self._rows = rows
        self._exact = [exact[row[0]] for row in rows]  # the code and whole names, by row

    def retranslate(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        iso3, name, _folded, footnote = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return footnote or name
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return footnote
        if role == ISO3_ROLE:
            return iso3
        return None

    def matches(self, row: int, needle: str) -> bool:
        return needle in self._rows[row][2]

    def rank(self, row: int, needle: str) -> int:
        """0 when the typed text is the State's code or one of its whole names ("MAR" is
        Morocco, before Marshall Islands), 1 when the name starts with it, 2 when a word does,
        3 otherwise: typing "fr" should offer France before Central African Republic."""
        if needle in self._exact[row]:
            return 0
        folded = self._rows[row][2]
        if folded.startswith(needle):
            return 1
        return 2 if f" {needle}" in folded else 3

    def row_of(self, iso3: str) -> int | None:
        for i, row in enumerate(self._rows):
            if row[0] == iso3:
                return i
        return None


class StateFilter(QSortFilterProxyModel):
    """Keeps the States whose name (UN or everyday, in any of the six languages) or code
    contains the typed text, ignoring case and accents."""

    def __init__(self, source: StatesModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._needle = ""
        self.sort(0)

    def set_text(self, text: str) -> None:
        # The order depends on the text too (prefix matches first): re-filter and re-sort.
        self._needle = fold(text.strip())
        self.invalidate()

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        # Source rows are already in collation order; only the match rank reorders them.
        source = cast(StatesModel, self.sourceModel())
        key_left = (source.rank(left.row(), self._needle), left.row())
        key_right = (source.rank(right.row(), self._needle), right.row())
        return key_left < key_right

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return True
        return cast(StatesModel, self.sourceModel()).matches(row, self._needle)
