"""The translator compiles .po catalogs on load and answers in the current language."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from gcm_collect.i18n import catalogs
from gcm_collect.i18n.catalogs import LANGUAGES, Translator, is_rtl


@pytest.fixture
def po_dir(tmp_path, monkeypatch):
    def write(language: str, entries: list[tuple]) -> None:
        catalog = Catalog(locale=language, domain="messages")
        for msgid, msgstr, *flags in entries:
            catalog.add(msgid, msgstr, flags=flags[0] if flags else ())
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, catalog)

    monkeypatch.setattr(catalogs, "translations_dir", lambda: tmp_path)
    catalogs.load_catalog.cache_clear()
    yield write
    catalogs.load_catalog.cache_clear()


def test_po_is_compiled_on_load_with_plurals(po_dir):
    po_dir("fr", [("Export", "Exporter")])
    po_dir("ru", [(("{n} file", "{n} files"), ("{n} файл", "{n} файла", "{n} файлов"))])
    translator = Translator("fr")
    assert translator.gettext("Export") == "Exporter"
    translator.set_language("ru")
    assert [translator.ngettext("{n} file", "{n} files", n) for n in (1, 3, 5)] == [
        "{n} файл",
        "{n} файла",
        "{n} файлов",
    ]


def test_fuzzy_entries_are_not_shown(po_dir):
    po_dir("es", [("Open", "Abrir (¿?)", ("fuzzy",))])
    assert Translator("es").gettext("Open") == "Open"


def test_missing_catalog_falls_back_to_source_text(po_dir):
    assert Translator("zh").gettext("Open") == "Open"


def test_listeners_hear_a_language_switch():
    heard = []
    translator = Translator("en")
    translator.on_change(heard.append)
    translator.set_language("ar")
    translator.set_language("ar")  # no change, no second call
    assert heard == ["ar"]
    translator.off_change(heard.append)
    translator.set_language("fr")
    assert heard == ["ar"]
    with pytest.raises(ValueError):
        translator.set_language("de")


def test_six_languages_and_direction():
    assert set(LANGUAGES) == {"ar", "zh", "en", "fr", "ru", "es"}
    assert [code for code in LANGUAGES if is_rtl(code)] == ["ar"]


def test_compiled_catalog_is_cached_and_follows_edits(po_dir, monkeypatch, tmp_path):
    po_dir("fr", [("Export", "Exporter")])
    assert Translator("fr").gettext("Export") == "Exporter"
    assert len(list((tmp_path / "fr" / "LC_MESSAGES").glob("messages-*.mo"))) == 1

    # The next start reads the cached .mo: no compiling.
    catalogs.load_catalog.cache_clear()

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(catalogs, "compile_po", no_compiling)
    assert Translator("fr").gettext("Export") == "Exporter"

    # A translator's edit is picked up at the next start, and the stale .mo goes away.
    monkeypatch.undo()
    monkeypatch.setattr(catalogs, "translations_dir", lambda: tmp_path)
    po_dir("fr", [("Export", "Exporter le classeur")])
    catalogs.load_catalog.cache_clear()
    assert Translator("fr").gettext("Export") == "Exporter le classeur"
    assert len(list((tmp_path / "fr" / "LC_MESSAGES").glob("messages-*.mo"))) == 1


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "Health, Work"), ("ar", "Health، Work"), ("zh", "Health、Work")]
)
def test_lists_in_a_sentence_use_the_languages_own_comma(lang, expected):
    from gcm_collect.i18n import join_list, language, set_language

    before = language()
    set_language(lang)
    try:
        assert join_list(["Health", "Work"]) == expected
    finally:
        set_language(before)
