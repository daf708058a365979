"""Moving to the trash from the keyboard: the next submission is selected, so Del goes on."""

from __future__ import annotations

from app_helpers import add_minimal


def test_trashing_selects_the_next_submission(qtbot, window, store):
    add_minimal(store, 3)
    window.refresh()
    window.table.setCurrentIndex(window.model.index(1, 0))
    second, third = window.model.submission(1).uuid, window.model.submission(2).uuid
    window.actionTrash.trigger()
    assert store.get_submission(second).deleted
    assert window.selected_uuid() == third  # it took the trashed one's place
    window.actionTrash.trigger()  # again, without touching the mouse
    assert store.get_submission(third).deleted
    assert window.model.rowCount() == 1 and window.selected_uuid() is not None
