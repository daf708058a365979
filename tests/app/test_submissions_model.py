"""The submissions list model: Qt's model checks, filters and search, lazy paging."""

from __future__ import annotations

import pytest
from app_helpers import add_minimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from gcm_collect.app.states_model import ISO3_ROLE, StateFilter, StatesModel
from gcm_collect.app.submissions_model import COLUMNS as _COLUMNS
from gcm_collect.app.submissions_model import UUID_ROLE, SubmissionsModel
from gcm_collect.demo import generate
from gcm_collect.i18n import set_language
from gcm_collect.ops.submissions import count_problems
from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

STATUS = _COLUMNS.index("Status")


def test_model_passes_qt_model_checks_on_demo_data(qtmodeltester, store):
    generate(store, 12, seed=3)
    model = SubmissionsModel(store, problem_counter=lambda s: count_problems(store, s.uuid))
    qtmodeltester.check(model)
    model.sort(0, Qt.AscendingOrder)
    qtmodeltester.check(model)


def test_states_models_pass_qt_model_checks(qtmodeltester):
    states = StatesModel()
    qtmodeltester.check(states)
    found = StateFilter(states)
    found.set_text("sen")
    qtmodeltester.check(found)


def test_filters_and_search_change_the_rows(store):
    add_minimal(store, 30)
    model = SubmissionsModel(store)
    assert model.rowCount() == 30
    model.refresh(state="SEN")
    assert model.rowCount() == 6
    assert all(model.submission(r).state == "SEN" for r in range(6))
    model.refresh(region="ECE", status="draft")
    assert {model.submission(r).status for r in range(model.rowCount())} == {"draft"}
    assert model.rowCount() == 2
    model.refresh(text="Submission 17")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(UUID_ROLE) == model.submission(0).uuid
    model.refresh(text="nothing like this")
    assert model.rowCount() == 0


def test_sorting_is_done_by_the_store(store):
    add_minimal(store, 10)
    model = SubmissionsModel(store)
    model.sort(2, Qt.AscendingOrder)
    periods = [model.index(r, 2).data() for r in range(10)]
    assert periods == sorted(periods)
    model.sort(2, Qt.DescendingOrder)
    assert [model.index(r, 2).data() for r in range(10)] == sorted(periods, reverse=True)


def test_drafts_show_their_open_problems_after_painting(qtbot, store):
    generate(store, 12, seed=3)
    model = SubmissionsModel(store, problem_counter=lambda s: count_problems(store, s.uuid))
    drafts = [r for r in range(model.rowCount()) if model.submission(r).status == "draft"]
    assert drafts
    row = drafts[0]
    expected = count_problems(store, model.submission(row).uuid)

    def repaints_status(top_left, bottom_right, roles) -> bool:
        return top_left.column() <= STATUS <= bottom_right.column() and top_left.row() <= row

    # Asking for the status starts the count; the view is told to repaint that column.
    with qtbot.waitSignal(model.dataChanged, check_params_cb=repaints_status):
        model.index(row, STATUS).data()
    assert f"({expected} problem" in model.index(row, STATUS).data()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    with Store.open(path) as store:
        add_minimal(store, 50_000)
    return path


def test_fifty_thousand_rows_open_reading_only_the_first_page(qtbot, big_db):
    store = Store.open(big_db)
    model = SubmissionsModel(store)
    view = QTableView()
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    try:
        qtbot.waitUntil(lambda: model.pages_fetched >= 1)
        qtbot.wait(50)  # painting settles; nothing more may be read
        assert model.rowCount() == 50_000
        assert model.pages_fetched == 1
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.pages_fetched >= 2)
        qtbot.wait(50)
        assert model.pages_fetched == 2  # the last page, nothing in between
        assert model.index(49_999, 0).data().endswith(")")
    finally:
        view.close()
        view.deleteLater()
        qtbot.wait(1)
        store.close()


def test_state_search_ignores_case_and_accents():
    states = StatesModel()
    found = StateFilter(states)
    found.set_text("cote d")
    codes = {found.index(r, 0).data(ISO3_ROLE) for r in range(found.rowCount())}
    assert codes == {"CIV"}
    found.set_text("FRA")
    codes = {found.index(r, 0).data(ISO3_ROLE) for r in range(found.rowCount())}
    assert "FRA" in codes


def test_title_column_shows_the_instance_name_title(qtbot, store):
    from gcm_collect.app.submissions_model import COLUMNS, SubmissionsModel
    from gcm_collect.ops.submissions import new_submission

    changed = new_submission(store, state="SEN", region="ECA", period="2026")
    store.set_title(changed.uuid, "Hotline for migrant workers", who="test")
    model = SubmissionsModel(store)
    title = COLUMNS.index("Title")
    assert model.index(0, title).data() == "Hotline for migrant workers"
    model.sort(title)
    assert model.order_by == "title"


def test_the_search_box_finds_submissions_by_state_name(qtbot, window, store):
    # The list shows State names, so typing one (in English or in Arabic) must find its rows.
    add_minimal(store, 10)  # two of each: SEN, FRA, CHL, JPN, JOR
    window.refresh()
    model = window.model

    def search(text: str) -> set[str]:
        window.searchEdit.setText(text)  # as typed: the list follows once typing pauses
        qtbot.waitUntil(lambda: model.filters.get("text") == text)
        states = {model.submission(r).state for r in range(model.rowCount())}
        window.searchEdit.clear()
        return states

    assert search("Senegal") == {"SEN"}
    assert search("japon") == {"JPN"}  # French and Spanish names too
    set_language("ar")
    window.retranslate()
    assert search("السنغال") == {"SEN"}
    assert model.index(0, 0).data() != "SEN"  # shown by name, which is what was typed


def test_the_list_marks_kosovo_and_shows_its_footnote_on_hover(store):
    import uuid as uuidlib

    from gcm_collect.ops.forms import ensure_builtin

    form = ensure_builtin(store)
    for state in ("XKX", "SRB"):
        store.put_submission(
            {
                "uuid": str(uuidlib.uuid4()),
                "form_id": form.form_id,
                "form_version": form.version,
                "state": state,
                "region": "ECE",
                "period": "2025",
                "status": "draft",
                "answers": {},
            },
            who="test",
        )
    model = SubmissionsModel(store)
    model.sort(0, Qt.AscendingOrder)
    rows = {model.submission(r).state: model.index(r, 0) for r in range(model.rowCount())}
    assert rows["XKX"].data() == "Kosovo* (XKX)"
    assert rows["XKX"].data(Qt.ToolTipRole) == (
        "Kosovo* (XKX)\n*References to Kosovo shall be understood to be in the context of "
        "United Nations Security Council resolution 1244 (1999)."
    )
    assert rows["SRB"].data(Qt.ToolTipRole) == rows["SRB"].data() == "Serbia (SRB)"


def test_the_state_column_sorts_by_un_name_in_the_display_language(store):
    import uuid as uuidlib

    from gcm_collect.ops.forms import ensure_builtin

    form = ensure_builtin(store)
    regions = {"DEU": "ECE", "CHN": "ESCAP", "EGY": "ECA", "ESP": "ECE", "USA": "ECE"}
    for n, (state, region) in enumerate(regions.items()):
        store.put_submission(
            {
                "uuid": str(uuidlib.UUID(int=n + 1, version=4)),
                "form_id": form.form_id,
                "form_version": form.version,
                "state": state,
                "region": region,
                "period": "2025",
                "status": "draft",
                "answers": {},
            },
            who="test",
        )

    def shown(model):
        return [model.submission(r).state for r in range(model.rowCount())]

    try:
        set_language("fr")
        model = SubmissionsModel(store)
        model.sort(0, Qt.AscendingOrder)
        # Allemagne, Chine, Égypte, Espagne, États-Unis d'Amérique (by code: CHN DEU EGY ESP USA)
        assert shown(model) == ["DEU", "CHN", "EGY", "ESP", "USA"]
        assert model.index(0, 0).data() == "Allemagne (DEU)"
        model.sort(0, Qt.DescendingOrder)
        assert shown(model) == ["USA", "ESP", "EGY", "CHN", "DEU"]
        set_language("zh")  # pinyin order: 埃及 德国 美利坚合众国 西班牙 中国
        model.sort(0, Qt.AscendingOrder)
        model.retranslate()
        assert shown(model) == ["EGY", "DEU", "USA", "ESP", "CHN"]
        set_language("en")  # China, Egypt, Germany, Spain, United States of America
        model.retranslate()
        assert shown(model) == ["CHN", "EGY", "DEU", "ESP", "USA"]
    finally:
        set_language("en")


def test_the_list_shows_review_states_and_open_comments(store):
    from gcm_collect.conversation import Comment, Conversation, Decision

    add_minimal(store, 3)
    model = SubmissionsModel(store)
    uuids = [model.data(model.index(r, 0), UUID_ROLE) for r in range(3)]
    first, second = uuids[0], uuids[1]
    at = "2026-03-01T10:00:00Z"
    approve = Decision.new(first, 1, "approve", "", "regional", "Lars", at)
    back = Decision.new(second, 1, "return", "Source?", "national", "Amina", at)
    question = Comment.new(second, 1, "title", "Amina", "Which source?", at)
    store.save_conversation(Conversation((question,), (approve, back)), who="officer")
    store.set_review_state(first, approve, who="officer")
    store.set_review_state(second, back, who="officer")
    model.reload()
    status = {
        model.data(model.index(r, 0), UUID_ROLE): model.data(model.index(r, STATUS))
        for r in range(3)
    }
    assert status[first].endswith(", approved")
    assert status[second].endswith(", returned (1 open comment)")
    assert "approved" not in status[uuids[2]] and "comment" not in status[uuids[2]]
