"""Fixtures for the form view: a real database file, the built-in form, offscreen widgets."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gcm_collect.demo.generate import generate  # noqa: E402
from gcm_collect.ops.forms import ensure_builtin  # noqa: E402
from gcm_collect.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "officer.sqlite3") as opened:
        ensure_builtin(opened)
        yield opened


@pytest.fixture
def draft(store) -> str:
    """An empty draft of the built-in survey for France."""
    form = ensure_builtin(store)
    return store.create_submission(
        form_id=form.form_id, form_version=form.version, state="FRA", region="ECE", period="2025"
    )


@pytest.fixture
def nearly_done(store) -> str:
    """A draft whose answers pass validation (from the demo filler), with two practices."""
    generate(store, 12, seed=7)
    for sub in store.list_submissions():
        instances = store.get_instances(sub.uuid)
        if sub.status == "complete" and len(instances.get("practices", [])) >= 2:
            store.set_status(sub.uuid, "draft", who="test")
            return sub.uuid
    raise AssertionError("the demo data has no complete submission with two practices")


@pytest.fixture
def open_view(qtbot, store):
    """Open a FormView on a submission, shown (offscreen) and closed after the test."""
    from gcm_collect.app.form import FormView

    views = []

    def opener(uuid: str) -> FormView:
        view = FormView(store, uuid)
        qtbot.addWidget(view)
        with qtbot.waitExposed(view):
            view.show()
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        views.append(view)
        return view

    yield opener
    for view in views:
        view.close()


@pytest.fixture
def two_practices(store, draft):
    """A draft with a State, a lead entity and two practices, the second one titled with a
    word found nowhere else: (uuid, first practice, second practice)."""
    from gcm_collect.ops import answers as ops

    first = ops.add_instance(store, draft, "practices").entry
    second = ops.add_instance(store, draft, "practices").entry
    store.set_answer(draft, f"practices[{first}]/practice_title", "Mobile clinics", who="t")
    store.set_answer(draft, f"practices[{second}]/practice_title", "Rainbow shelters", who="t")
    store.set_answer(draft, "lead_entity", "Ministry of the Interior", who="t")
    store.set_answer(draft, "state", "FRA", who="t")
    return draft, first, second
