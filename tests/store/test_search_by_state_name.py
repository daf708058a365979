"""The text search finds a submission by its State's name, in any of the six languages."""

from __future__ import annotations

import pytest
from store_helpers import new_submission

from gcm_collect.store import Store


@pytest.fixture
def three(store: Store) -> dict[str, str]:
    return {
        "THA": new_submission(store, state="THA", region="ESCAP", title="Bangkok practice"),
        "CIV": new_submission(store, state="CIV", region="ECA", title="Abidjan"),
        "FRA": new_submission(store, state="FRA", region="ECE", title="Thai community in Paris"),
    }


@pytest.mark.parametrize(
    "text", ["Thailand", "thailand", "Thaïlande", "Tailandia", "Таиланд", "تايلاند", "泰国"]
)
def test_a_state_name_in_any_language_finds_its_submissions(store, three, text) -> None:
    assert [s.uuid for s in store.list_submissions(text=text)] == [three["THA"]]
    assert store.count_submissions(text=text) == 1


def test_a_name_or_a_title_containing_the_text_both_match(store, three) -> None:
    found = {s.uuid for s in store.list_submissions(text="THAI")}
    assert found == {three["THA"], three["FRA"]}  # Thailand; "Thai community in Paris"
    assert store.count_submissions(text="THAI") == 2


def test_names_match_without_case_or_accents(store, three) -> None:
    assert [s.uuid for s in store.list_submissions(text="cote d")] == [three["CIV"]]
    assert [s.uuid for s in store.list_submissions(text="CÔTE")] == [three["CIV"]]
    # The code and the other columns still match as before.
    assert [s.uuid for s in store.list_submissions(text="civ")] == [three["CIV"]]
    assert [s.uuid for s in store.list_submissions(text="bangkok")] == [three["THA"]]
    assert store.list_submissions(text="Germany") == []


def test_state_names_combine_with_the_other_filters(store, three) -> None:
    assert store.count_submissions(text="Thailand", status="complete") == 0
    assert store.count_submissions(text="Thailand", region="ESCAP") == 1
    assert store.count_submissions(text="Thailand", state="FRA") == 0
    store.soft_delete(three["THA"], who="ana")
    assert (
        store.count_submissions(text="Thailand")
        == 0
        == len(store.list_submissions(text="Thailand"))
    )
    assert store.count_submissions(text="Thailand", include_deleted=True) == 1


def test_searching_by_name_keeps_the_list_on_its_indexes(store) -> None:
    # "a" is in most States' names: a long IN list must not make SQLite sort in a temp tree.
    plan = store.explain_list(text="a", limit=50)
    assert "USING INDEX submissions_live" in plan and "TEMP B-TREE" not in plan
    assert "USING INDEX submissions_by_status" in store.explain_list(text="a", status="draft")


@pytest.mark.parametrize("text", ["South Korea", "Corée du Sud", "République de Corée", "韩国"])
def test_un_and_everyday_names_find_the_state(store, text) -> None:
    korea = new_submission(store, state="KOR", region="ESCAP", title="Seoul")
    new_submission(store, state="PRK", region="ESCAP", title="Pyongyang")
    assert [s.uuid for s in store.list_submissions(text=text)] == [korea]


def test_the_code_and_a_shared_word_find_every_state_they_are_in(store) -> None:
    korea = new_submission(store, state="KOR", region="ESCAP", title="Seoul")
    dprk = new_submission(store, state="PRK", region="ESCAP", title="Pyongyang")
    # "Republic of Korea" is inside "Democratic People's Republic of Korea"; "KOR" is the code
    # of one and inside the everyday name of the other ("North Korea").
    for text in ("KOR", "Republic of Korea"):
        assert {s.uuid for s in store.list_submissions(text=text)} == {korea, dprk}
    assert [s.uuid for s in store.list_submissions(text="PRK")] == [dprk]
