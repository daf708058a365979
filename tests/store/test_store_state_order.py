"""Listing by State name: the store pages through submissions in the order a caller ranked
the States for a language (the app ranks them with ICU); without a ranking, by code."""

from __future__ import annotations

import pytest
from store_helpers import new_submission

from gcm_collect.store import Store

# ranks as the app gives them in French: Allemagne, Chine, Égypte, Espagne, États-Unis
FRENCH = ["DEU", "CHN", "EGY", "ESP", "USA"]
REGIONS = {"DEU": "ECE", "CHN": "ESCAP", "EGY": "ECA", "ESP": "ECE", "USA": "ECE"}


@pytest.fixture
def five(store: Store) -> dict[str, str]:
    return {
        code: new_submission(store, state=code, region=region, title=code)
        for code, region in REGIONS.items()
    }


def states(subs) -> list[str]:
    return [s.state for s in subs]


def test_the_list_follows_the_ranking_of_its_language(store, five) -> None:
    store.set_state_order("fr", FRENCH)
    listed = store.list_submissions(order_by="state_name", descending=False, lang="fr")
    assert states(listed) == FRENCH
    listed = store.list_submissions(order_by="state_name", descending=True, lang="fr")
    assert states(listed) == FRENCH[::-1]
    # by code, as before
    by_code = store.list_submissions(order_by="state", descending=False)
    assert states(by_code) == sorted(FRENCH)


def test_each_language_keeps_its_own_ranking_and_an_unranked_one_sorts_by_code(store, five) -> None:
    store.set_state_order("fr", FRENCH)
    store.set_state_order("zh", ["EGY", "DEU", "USA", "ESP", "CHN"])  # 埃及 德国 美国 西班牙 中国
    assert states(store.list_submissions(order_by="state_name", descending=False, lang="zh")) == [
        "EGY",
        "DEU",
        "USA",
        "ESP",
        "CHN",
    ]
    assert states(store.list_submissions(order_by="state_name", descending=False, lang="fr")) == (
        FRENCH
    )
    unranked = store.list_submissions(order_by="state_name", descending=False, lang="ru")
    assert states(unranked) == sorted(FRENCH)
    assert store.has_state_order("fr") and not store.has_state_order("ru")


def test_pages_by_name_are_stable_and_filters_apply(store, five) -> None:
    for code in FRENCH:  # a second submission each: ties are broken by UUID
        new_submission(store, state=code, region=REGIONS[code])
    store.set_state_order("fr", FRENCH)
    pages = [
        store.list_submissions(
            order_by="state_name", descending=False, lang="fr", limit=3, offset=offset
        )
        for offset in (0, 3, 6, 9)
    ]
    seen = [s for page in pages for s in page]
    assert len({s.uuid for s in seen}) == 10
    assert states(seen) == [code for code in FRENCH for _ in (1, 2)]
    europe = store.list_submissions(
        order_by="state_name", descending=False, lang="fr", region="ECE"
    )
    assert states(europe) == ["DEU", "DEU", "ESP", "ESP", "USA", "USA"]


def test_a_new_ranking_replaces_the_old_one(store, five) -> None:
    store.set_state_order("fr", FRENCH)
    store.set_state_order("fr", FRENCH[::-1])
    listed = store.list_submissions(order_by="state_name", descending=False, lang="fr")
    assert states(listed) == FRENCH[::-1]


def test_states_the_ranking_lacks_come_after_it_by_code(store, five) -> None:
    store.set_state_order("fr", ["USA", "EGY"])  # a partial ranking: no row may be lost
    listed = store.list_submissions(order_by="state_name", descending=False, lang="fr")
    assert states(listed) == ["USA", "EGY", "CHN", "DEU", "ESP"]
    assert store.count_submissions() == len(listed)
