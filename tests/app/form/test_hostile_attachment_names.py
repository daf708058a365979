"""An imported file answer with a hostile name or size: the form window shows and suggests a
plain file name, and never fails (issue 15)."""

from __future__ import annotations

import hashlib

import pytest
from form_helpers import widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import Qt

from gcm_collect.app.form.questions import files as file_widgets


@pytest.fixture
def kobo(store, tmp_path) -> str:
    return new_draft(store, import_form(store, tmp_path))


def test_a_path_and_a_right_to_left_override_are_not_shown_nor_suggested(
    qtbot, store, kobo, open_view, monkeypatch
):
    data = b"%PDF-1.7 not really"
    sha = hashlib.sha256(data).hexdigest()
    store.put_attachment_data(sha, data)
    hostile = f"sha256:{sha} {len(data)} ..\\..\\Startup\\invoice\u202efdp.exe"  # as imported
    store.set_answer(kobo, "plan", hostile, who="import")
    view = open_view(kobo)
    plan = widget(view, "plan")
    assert plan.file_label.text().startswith("invoicefdp.exe (")
    suggested = []
    monkeypatch.setattr(
        file_widgets,
        "choose_save_path",
        lambda parent, caption, name: suggested.append((caption, name)) or "",
    )
    qtbot.mouseClick(plan.save, Qt.LeftButton)
    assert suggested == [("Save a copy of invoicefdp.exe", "invoicefdp.exe")]


def test_a_declared_size_of_ten_to_the_26_opens(qtbot, store, kobo, open_view):
    store.set_answer(kobo, "plan", f"sha256:{'0' * 64} {10**26} report.pdf", who="import")
    view = open_view(kobo)  # raised OverflowError in the size display
    assert not widget(view, "plan").save.isEnabled()
