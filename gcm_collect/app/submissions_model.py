"""A table model over the store's submissions that reads pages on demand.

Only the row count is asked up front; rows are fetched a page at a time when the view needs
them, so 50,000 submissions open as fast as 50.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from gcm_collect.i18n import N_, _, language
from gcm_collect.reference import state_name
from gcm_collect.store import Store, Submission

PAGE = 256

COLUMNS = (
    N_("State"),
    N_("Region"),
    N_("Period"),
    N_("Form"),
    N_("Status"),
    N_("Last change"),
)
STATUS_LABELS = {"draft": N_("Draft"), "complete": N_("Complete"), "finalized": N_("Finalized")}


class SubmissionsModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filters: dict[str, object] = {}
        self._pages: dict[int, list[Submission]] = {}
        self._count = store.count_submissions()

    def refresh(self, **filters: object) -> None:
        """Re-read from the store, optionally with new filters (state, region, status, text...)."""
        self.beginResetModel()
        self.filters = filters
        self._pages.clear()
        self._count = self.store.count_submissions(**filters)
        self.endResetModel()

    def retranslate(self) -> None:
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)

    def submission(self, row: int) -> Submission:
        page = self._pages.get(row // PAGE)
        if page is None:
            page = self.store.list_submissions(
                limit=PAGE, offset=(row // PAGE) * PAGE, **self.filters
            )
            self._pages[row // PAGE] = page
        return page[row % PAGE]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if not (0 <= index.row() < self._count):
            return None
        item = self.submission(index.row())
        column = index.column()
        if column == 0:
            return f"{state_name(item.state, language())} ({item.state})"
        if column == 1:
            return item.region
        if column == 2:
            return item.period
        if column == 3:
            return f"{item.form_id} {item.form_version}"
        if column == 4:
            return _(STATUS_LABELS.get(item.status, item.status))
        if column == 5:
            return item.updated_at[:16].replace("T", " ")
        return None
