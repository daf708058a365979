"""States are called by their United Nations names (UNSD M49, UNTERM), in the six languages."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from gcm_collect import reference as ref
from gcm_collect.vocabulary import LANGUAGES

DATA = files("gcm_collect.reference") / "data"


def _rows(name: str = "un_state_names.csv") -> dict[str, dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return {r["iso3"]: r for r in csv.DictReader(f)}


def test_every_state_has_its_un_name_in_every_language():
    rows = _rows()
    assert sorted(rows) == sorted(s.iso3 for s in ref.states())
    for s in ref.states():
        for lang in LANGUAGES:
            assert rows[s.iso3][f"m49_{lang}"], (s.iso3, lang)
            assert ref.state_name(s.iso3, lang) == rows[s.iso3][f"m49_{lang}"], (s.iso3, lang)


def test_names_and_codes_agree_with_the_state_table():
    rows = _rows()
    for s in ref.states():
        assert rows[s.iso3]["m49"] == (s.m49 or ""), s.iso3
        assert s.name_en == ref.state_name(s.iso3, "en"), s.iso3


@pytest.mark.parametrize(
    ("iso3", "lang", "cldr", "un"),
    [
        ("KOR", "fr", "Corée du Sud", "République de Corée"),
        ("PRK", "ar", "كوريا الشمالية", "جمهورية كوريا الشعبية الديمقراطية"),
        ("PRK", "zh", "朝鲜", "朝鲜民主主义人民共和国"),
        (
            "GBR",
            "ru",
            "Великобритания",
            "Соединенное Королевство Великобритании и Северной Ирландии",
        ),
        ("TUR", "es", "Turquía", "Türkiye"),
        ("CIV", "ar", "ساحل العاج", "كوت ديفوار"),
        ("PRK", "en", "North Korea", "Democratic People's Republic of Korea"),
        ("COD", "en", "Congo - Kinshasa", "Democratic Republic of the Congo"),
        ("RUS", "en", "Russia", "Russian Federation"),
        ("MMR", "en", "Myanmar (Burma)", "Myanmar"),
        ("ATG", "en", "Antigua & Barbuda", "Antigua and Barbuda"),
    ],
)
def test_the_un_name_replaces_the_everyday_name(iso3, lang, cldr, un):
    # The names the domain review found in the app (issue 17), and what the UN calls the State.
    assert ref._cldr_names()[iso3][lang] == cldr
    assert ref.state_name(iso3, lang) == un


def test_recorded_corrections_of_the_compilation():
    rows = _rows()
    # The compilation says "Ivory Coast"; the UN (M49) says Côte d’Ivoire, with U+2019.
    assert ref.state_name("CIV", "en") == "Côte d’Ivoire"
    assert "Ivory Coast" in rows["CIV"]["correction"]
    corrected = {iso3 for iso3, r in rows.items() if r["correction"]}
    assert corrected == {"CIV", "XKX"}
    unterm = _rows("unterm_state_names.csv")
    assert sorted(unterm) == sorted(rows)
    # no UNTERM names in the compilation for the renamed States, nor for Kosovo
    assert {iso3 for iso3, r in unterm.items() if r["correction"]} == {"CIV", "TUR", "XKX"}
    assert not any(unterm[iso3]["unterm_formal_en"] for iso3 in ("CIV", "TUR", "XKX"))


def test_formal_and_short_names_for_formal_text():
    assert ref.state_short_name("KOR", "en") == "Republic of Korea (the)"
    assert ref.state_formal_name("KOR", "en") == "the Republic of Korea"
    assert ref.state_formal_name("KOR", "fr") == "la République de Corée"
    # UNTERM's observer marker is not part of the name.
    assert ref.state_formal_name("PSE", "en") == "the State of Palestine"
    # No UNTERM entry (renamed; not listed): the M49 name.
    assert ref.state_formal_name("TUR", "en") == "Türkiye"
    assert ref.state_short_name("CIV", "fr") == "Côte d’Ivoire"
    assert ref.state_formal_name("XKX", "ru") == ref.state_name("XKX", "ru")
    assert ref.state_formal_name("QQQ", "en") == "QQQ"


def test_only_kosovo_outside_english_is_a_working_text():
    working = {
        (iso3, lang)
        for iso3 in _rows()
        for lang in LANGUAGES
        if not ref.state_name_is_official(iso3, lang)
    }
    assert working == {("XKX", lang) for lang in LANGUAGES if lang != "en"}
    assert not ref.state_name_is_official("QQQ", "en")


@pytest.mark.parametrize(
    "text", ["South Korea", "Corée du Sud", "République de Corée", "韩国", "كوريا الجنوبية"]
)
def test_everyday_names_still_find_the_state(text):
    assert "KOR" in ref.states_named(text)


def test_an_ascii_apostrophe_finds_the_un_spelling():
    assert ref.states_named("cote d'ivoire") == ["CIV"]
    assert ref.states_named("Côte d’Ivoire") == ["CIV"]


def test_kosovo_is_labelled_with_the_mark_and_its_footnote():
    from gcm_collect.i18n.catalogs import load_catalog

    assert ref.state_label("XKX", "en") == "Kosovo*"
    assert ref.state_label("XKX", "ru") == "Косово*"
    assert ref.state_label("SRB", "en") == "Serbia"
    assert ref.footnote_line("XKX", "en") == (
        "*References to Kosovo shall be understood to be in the context of United Nations "
        "Security Council resolution 1244 (1999)."
    )
    assert ref.footnote_line("SRB", "en") is None
    french = ref.footnote_line("XKX", "fr", load_catalog("fr", "messages").gettext)
    assert french == (
        "*Toute référence au Kosovo doit s'entendre dans le contexte de la résolution 1244 "
        "(1999) du Conseil de sécurité de l'Organisation des Nations Unies. "
        "(traduction de travail, non officielle)"
    )
