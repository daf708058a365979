"""Search-as-you-type over State names offers the names that start with the text first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gcm_collect.app.states_model import ISO3_ROLE, StateFilter, StatesModel
from gcm_collect.i18n import LANGUAGES, set_language


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


def _un_names(lang: str) -> dict[str, str]:
    import csv
    from importlib.resources import files

    data = files("gcm_collect.reference") / "data" / "un_state_names.csv"
    with data.open(encoding="utf-8", newline="") as f:
        return {r["iso3"]: r[f"m49_{lang}"] for r in csv.DictReader(f)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_picker_shows_every_state_by_its_un_name(lang):
    set_language(lang)
    model = StatesModel()
    shown = {
        model.index(i, 0).data(ISO3_ROLE): model.index(i, 0).data() for i in range(model.rowCount())
    }
    expected = _un_names(lang)
    expected["XKX"] += "*"  # the footnote's mark
    assert shown == {iso3: expected[iso3] for iso3 in shown}
    assert len(shown) == 195  # 193 Member States, the State of Palestine, Kosovo


@pytest.mark.parametrize(
    ("lang", "typed", "name"),
    [
        ("en", "South Korea", "Republic of Korea"),
        ("en", "kor", "Republic of Korea"),
        ("fr", "Corée du Sud", "République de Corée"),
        ("en", "Russia", "Russian Federation"),
        ("ru", "Россия", "Российская Федерация"),
        ("ar", "ساحل العاج", "كوت ديفوار"),
        ("en", "cote d'ivoire", "Côte d’Ivoire"),
    ],
)
def test_everyday_names_and_codes_find_the_un_name(lang, typed, name):
    set_language(lang)
    proxy = StateFilter(StatesModel())
    proxy.set_text(typed)
    assert name in names(proxy, 5)


@pytest.mark.parametrize(
    ("lang", "footnote"),
    [
        (
            "en",
            "*References to Kosovo shall be understood to be in the context of United Nations "
            "Security Council resolution 1244 (1999).",
        ),
        (
            "es",
            "*Todas las referencias a Kosovo deben entenderse en el contexto de la resolución "
            "1244 (1999) del Consejo de Seguridad de las Naciones Unidas. (traducción de "
            "trabajo, no oficial)",
        ),
    ],
)
def test_kosovo_is_marked_and_its_footnote_shows_on_hover(lang, footnote):
    set_language(lang)
    proxy = StateFilter(StatesModel())
    proxy.set_text("Kosovo")
    (kosovo,) = [proxy.index(i, 0) for i in range(proxy.rowCount())]
    assert kosovo.data() == "Kosovo*"
    assert kosovo.data(Qt.ToolTipRole) == footnote
    assert kosovo.data(Qt.AccessibleDescriptionRole) == footnote
    proxy.set_text("Serbia")  # the same name in English and Spanish
    serbia = proxy.index(0, 0)
    assert serbia.data(Qt.ToolTipRole) == serbia.data()  # no footnote: the name


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_main_windows_state_filter_shows_un_names_sorted_in_the_language(window, lang):
    from PySide6.QtCore import QCollator, QLocale

    from gcm_collect import reference as ref

    set_language(lang)
    window.retranslate()
    window.fill_states_filter()
    combo = window.stateFilter
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())]
    assert len(items) == 195
    assert all(text == ref.state_label(iso3, lang) for text, iso3 in items)
    collator = QCollator(QLocale(lang))
    names = [text for text, _iso3 in items]
    assert names == sorted(names, key=collator.sortKey)
    kosovo = combo.findData("XKX")
    assert combo.itemData(kosovo, Qt.ToolTipRole).startswith("*")
