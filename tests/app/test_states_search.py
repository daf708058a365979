"""Search-as-you-type over State names offers the names that start with the text first."""

from __future__ import annotations

from gcm_collect.app.states_model import StateFilter, StatesModel
from gcm_collect.i18n import set_language


def names(proxy: StateFilter, n: int = 3) -> list[str]:
    return [proxy.index(i, 0).data() for i in range(min(n, proxy.rowCount()))]


def test_prefix_matches_come_first_and_order_follows_the_text(qtbot, qtmodeltester):
    proxy = StateFilter(StatesModel())
    qtmodeltester.check(proxy)
    proxy.set_text("fr")
    assert names(proxy)[0] == "France"
    assert "Central African Republic" in names(proxy)
    proxy.set_text("cote")
    assert names(proxy) == ["Côte d’Ivoire"]
    proxy.set_text("")
    assert names(proxy, 2) == ["Afghanistan", "Albania"]


def test_search_works_in_arabic_names():
    set_language("ar")
    proxy = StateFilter(StatesModel())
    proxy.set_text("فرنسا")
    assert names(proxy) == ["فرنسا"]
