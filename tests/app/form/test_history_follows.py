"""An open History window follows the change broadcast: what is saved shows at once."""

from __future__ import annotations

from form_helpers import leave, type_into, widget

from gcm_collect.app.changes import broadcast
from gcm_collect.ops.changes import Changed


def _rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_an_open_history_shows_what_is_saved_next(qtbot, store, draft, open_view):
    view = open_view(draft)
    dialog = view.show_history()
    qtbot.waitExposed(dialog)
    before = len(_rows(dialog))
    type_into(qtbot, widget(view, "focal_point_name").edit, "Amina")
    leave(qtbot, view)
    qtbot.waitUntil(lambda: len(_rows(dialog)) == before + 1, timeout=3000)
    assert _rows(dialog)[0][2:4] == ["Answer", "Focal point: full name"]
    assert _rows(dialog)[0][5] == "Amina"


def test_a_change_made_elsewhere_reaches_the_open_form(qtbot, store, draft, open_view):
    view = open_view(draft)
    # Written on the window's own connection, as the main window's operations write:
    # SQLite's data version does not see it; the broadcast does.
    store.set_answer(draft, "focal_point_name", "Ines", who="someone else")
    broadcast(Changed("imported", draft, rows=True))
    qtbot.waitUntil(lambda: widget(view, "focal_point_name").edit.text() == "Ines", timeout=3000)
