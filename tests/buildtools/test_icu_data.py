"""ICU's data package cut for the bundle (buildtools/icu_data.py), on PySide6's real library.
Whether Qt still sorts and formats the same with it: tests/test_dist.py (make check-dist)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

from buildtools.icu_data import _symbol, kept, names, read_package, shrink, write_package

LIBRARIES = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
pytestmark = pytest.mark.skipif(not LIBRARIES, reason="PySide6 carries no ICU here (Linux only)")


@pytest.fixture(scope="module")
def package() -> bytes:
    raw = LIBRARIES[0].read_bytes()
    _name, offset, size = _symbol(raw)
    return raw[offset : offset + size]


def test_the_package_is_written_back_byte_for_byte(package):
    header, items = read_package(package)
    assert len(items) > 3000
    assert write_package(header, items) == package


@pytest.mark.parametrize(
    "name",
    [
        "coll/ucadata.icu",  # the root collation every language starts from
        "coll/zh.res",  # pinyin order of the Chinese State names
        "coll/es__TRADITIONAL.res",
        "coll/root.res",
        "zone/ar.res",  # time-zone names in Arabic
        "zone/en_GB.res",
        "zone/pool.res",
        "region/ru.res",
        "zoneinfo64.res",
        "metaZones.res",
        "likelySubtags.res",
        "supplementalData.res",
        "res_index.res",
        "pool.res",
        "fr_CA.res",
        "zh_Hant_TW.res",
        "root.res",
        "cnvalias.icu",  # converter names (UTF-8 and Latin-1 are built in)
        "uts46.nrm",
    ],
)
def test_what_qt_reads_for_the_six_languages_is_kept(package, name):
    assert f"icudt73l/{name}" in {n for n, _data in read_package(package)[1]}
    assert kept(f"icudt73l/{name}")


@pytest.mark.parametrize(
    "name",
    [
        "coll/de.res",
        "zone/ja.res",
        "de.res",
        "tr_TR.res",
        "brkitr/cjdict.dict",
        "brkitr/root.res",
        "unit/en.res",
        "curr/en.res",
        "lang/zh.res",
        "translit/root.res",
        "rbnf/en.res",
        "gb18030.cnv",
        "unames.icu",
    ],
)
def test_what_qt_never_reads_is_dropped(name):
    assert not kept(f"icudt73l/{name}")


@pytest.mark.skipif(not shutil.which("cc") or not shutil.which("readelf"), reason="binutils")
def test_the_library_is_rebuilt_with_the_kept_items_under_the_same_symbol(tmp_path, package):
    library = shrink(LIBRARIES[0], tmp_path)
    assert library.name == LIBRARIES[0].name
    assert library.stat().st_size < LIBRARIES[0].stat().st_size / 5
    kept_names = [n for n, _data in read_package(package)[1] if kept(n)]
    assert list(names(library)) == kept_names
    symbols = subprocess.run(
        ["readelf", "-Wd", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    assert f"[{library.name}]" in symbols  # the soname libicuuc asks for
    assert _symbol(LIBRARIES[0].read_bytes())[0] in symbols
