"""A table model over the store's submissions that reads pages on demand.

Only the row count is asked up front; rows are fetched a page at a time when the view needs
them, so 50,000 submissions open as fast as 50. Sorting and filtering are done by the store
(SQL), never by loading every row into Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from gcm_collect.app.collation import states_by_name
from gcm_collect.app.timefmt import local_time
from gcm_collect.conversation import RETURNED, STATE_LABELS
from gcm_collect.errors import UserError
from gcm_collect.i18n import N_, _, language, ngettext
from gcm_collect.reference import footnote_line, state_label
from gcm_collect.store import Store, Submission
from gcm_collect.vocabulary import STATUS_LABELS

Index = QModelIndex | QPersistentModelIndex  # what Qt hands to the overrides below

PAGE = 256

COLUMNS = (
    N_("State"),
    N_("Region"),
    N_("Period"),
    N_("Title"),
    N_("Form"),
    N_("Status"),
    N_("Last change"),
)
# The store column each view column sorts by (None: not sortable).
# The State column sorts by the name shown, in the display language (not by ISO code).
SORT_KEYS = ("state_name", "region", "period", "title", None, "status", "updated_at")

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBMISSION_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_COLUMN = COLUMNS.index("Status")
_HEADER_ROLES = frozenset((int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)))
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        UUID_ROLE,
        SUBMISSION_ROLE,
    )
)

ProblemCounter = Callable[[Submission], int]


class SubmissionsModel(QAbstractTableModel):
    """Rows of ``store.list_submissions(**filters)`` in the chosen order.

    ``problem_counter(submission)`` (optional) gives a draft's number of open problems; it is
    called after the rows are painted, a few at a time, so it never delays showing the list.
    """

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        problem_counter: ProblemCounter | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.filters: dict[str, Any] = {}
        self.order_by = "updated_at"
        self.descending = True
        self.pages_fetched = 0  # for tests: how many pages were read from the store
        self._pages: dict[int, list[Submission]] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> its texts, as shown
        self._count = store.count_submissions()
        self._reviews = store.review_states()
        self._open = store.open_comment_counts()
        self._problem_counter = problem_counter
        self._problems: dict[tuple[str, str], int] = {}  # (uuid, updated_at) -> count
        self._pending: dict[tuple[str, str], Submission] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._count_problems)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self, **filters: object) -> None:
        """Re-read from the store with new filters (state, region, status, form_id, text,
        include_deleted); every row and count is read again."""
        self.beginResetModel()
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", [], ())}
        self._reset()
        self.endResetModel()

    def reload(self) -> None:
        """Re-read with the same filters (after a change made elsewhere)."""
        self.refresh(**self.filters)

    def _reset(self) -> None:
        self._pages.clear()
        self._texts.clear()
        self._pending.clear()
        self._count = self.store.count_submissions(**self.filters)
        # Review states and open comments, read once per refresh (a few rows in any database).
        self._reviews = self.store.review_states()
        self._open = self.store.open_comment_counts()

    def submission(self, row: int) -> Submission:
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            lang = language()
            if self.order_by == "state_name" and not self.store.has_state_order(lang):
                self.store.set_state_order(lang, states_by_name(lang))
            page = self.store.list_submissions(
                limit=PAGE,
                offset=number * PAGE,
                order_by=self.order_by,
                descending=self.descending,
                lang=lang,
                **self.filters,
            )
            self.pages_fetched += 1
            self._pages[number] = page
        if row % PAGE >= len(page):  # the table shrank under us; the next refresh fixes it
            raise IndexError(row)
        return page[row % PAGE]

    def row_of(self, uuid: str) -> int | None:
        """The row of a submission among the pages already read, else None."""
        for number, page in self._pages.items():
            for i, sub in enumerate(page):
                if sub.uuid == uuid:
                    return number * PAGE + i
        return None

    def refresh_row(self, uuid: str) -> bool:
        """Read one submission again and repaint its row; False when that cannot tell (not
        among the rows read, or the filters may no longer take it): read the list again."""
        row = self.row_of(uuid)
        if row is None:
            return False
        sub = self.store.get_submission(uuid)
        if not self._still_listed(sub):
            return False
        self._pages[row // PAGE][row % PAGE] = sub
        self._texts.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def reviews_changed(self) -> None:
        """A reply or a resolved thread: the review states and open comments read again, the
        status column repainted (the rows stay)."""
        self._reviews = self.store.review_states()
        self._open = self.store.open_comment_counts()
        self._texts.clear()
        if self._count:
            self.dataChanged.emit(
                self.index(0, STATUS_COLUMN),
                self.index(self._count - 1, STATUS_COLUMN),
                [Qt.ItemDataRole.DisplayRole],
            )

    def _still_listed(self, sub: Submission) -> bool:
        f = self.filters
        if f.get("text") or (sub.deleted and not f.get("include_deleted")):
            return False  # a text search matches names too: the store's to judge
        if f.get("review") is not None or f.get("open_comments"):
            return False  # the conversation decides: the store's to judge
        for column in ("state", "region", "status"):
            wanted = f.get(column)
            if wanted is not None:
                chosen = [wanted] if isinstance(wanted, str) else list(wanted)
                if getattr(sub, column) not in chosen:
                    return False
        return f.get("form_id") in (None, sub.form_id)

    def retranslate(self) -> None:
        if self.order_by == "state_name":  # names sort otherwise in another language
            self.layoutAboutToBeChanged.emit()
            self._pages.clear()
            self._texts.clear()
            self.layoutChanged.emit()
        self._texts.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        # Asked for many roles on every paint: only two are answered.
        if (
            role in _HEADER_ROLES
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.layoutAboutToBeChanged.emit()
        self.order_by = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self._texts.clear()
        self.layoutChanged.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # The view asks about seven roles per cell on every paint: answer the others at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if role == UUID_ROLE or role == SUBMISSION_ROLE:
            try:
                item = self.submission(row)
            except (IndexError, UserError):
                return None
            return item.uuid if role == UUID_ROLE else item
        texts = self._texts.get(row)
        if texts is None:
            try:
                item = self.submission(row)
            except (IndexError, UserError):
                return None
            texts = self._texts[row] = self._row_texts(item)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and texts[-1]:
            return f"{texts[0]}\n{texts[-1]}"  # the name and its footnote (Kosovo*)
        return texts[index.column()]

    def _row_texts(self, item: Submission) -> tuple[str, ...]:
        """The row as shown, one text per column, then the State's footnote or "" (kept until
        the rows or language change)."""
        lang = language()
        return (
            f"{state_label(item.state, lang)} ({item.state})",
            item.region,
            item.period,
            item.title,  # from the form's instance_name, when it has one
            f"{item.form_id} {item.form_version}",
            self._status_text(item),
            local_time(item.updated_at),
            footnote_line(item.state, lang, _) or "",
        )

    # -- status with problems ----------------------------------------------------------------

    def problems(self, item: Submission) -> int | None:
        """Open problems of a draft (None while not yet counted); 0 for the other statuses."""
        if item.status != "draft" or self._problem_counter is None:
            return 0
        key = (item.uuid, item.updated_at)
        count = self._problems.get(key)
        if count is None and key not in self._pending:
            self._pending[key] = item
            self._timer.start()
        return count

    def _status_text(self, item: Submission) -> str:
        text = _(STATUS_LABELS.get(item.status, item.status))
        if item.revision > 1:
            text = _("{status}, revision {n}").format(status=text, n=item.revision)
        count = self.problems(item)
        if count:
            text = ngettext("{status} ({n} problem)", "{status} ({n} problems)", count).format(
                status=text, n=count
            )
        text = self._review_text(item, text)
        if item.deleted:
            text = _("{status}, in the trash").format(status=text)
        return text

    def _review_text(self, item: Submission, text: str) -> str:
        """The review state (its own, or "returned" for the revision that revises a returned
        one) and the reviewers' comments still open on it or on the revision it revises."""
        state = self._reviews.get(item.uuid)
        if state is None and item.revises and self._reviews.get(item.revises) == RETURNED:
            state = RETURNED
        if state is not None:
            text = _("{status}, {review}").format(status=text, review=_(STATE_LABELS[state]))
        count = self._open.get(item.uuid, 0) + (
            self._open.get(item.revises, 0) if item.revises else 0
        )
        if count:
            text = ngettext(
                "{status} ({n} open comment)", "{status} ({n} open comments)", count
            ).format(status=text, n=count)
        return text

    def _count_problems(self) -> None:
        # A few at a time, so a page of drafts never freezes the window.
        counter = self._problem_counter
        if counter is None:
            return
        batch = list(self._pending.items())[:8]
        for key, item in batch:
            del self._pending[key]
            try:
                self._problems[key] = counter(item)
            except UserError:
                self._problems[key] = 0
        if batch and self._count:
            self._texts.clear()
            self.dataChanged.emit(
                self.index(0, STATUS_COLUMN),
                self.index(self._count - 1, STATUS_COLUMN),
                [Qt.ItemDataRole.DisplayRole],
            )
        if self._pending:
            self._timer.start()
