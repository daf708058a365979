"""A built bundle carries its catalogs compiled and never writes into itself (a signed macOS
.app stops opening when its contents change; Program Files is not the user's to write).
The bundle is simulated as PyInstaller lays it out: sys.frozen, sys._MEIPASS/translations."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from gcm_collect.i18n import catalogs
from gcm_collect.i18n.catalogs import compile_all, load_catalog

SOURCE = Path(catalogs.__file__).resolve().parents[2] / "translations"


def snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.fixture
def bundle(tmp_path, monkeypatch):
    root = tmp_path / "_internal"
    for po in SOURCE.glob("*/LC_MESSAGES/*.po"):
        target = root / "translations" / po.relative_to(SOURCE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(po, target)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    load_catalog.cache_clear()
    yield root
    load_catalog.cache_clear()


def test_the_bundle_s_compiled_catalogs_are_used_and_nothing_is_written(bundle, tmp_path):
    written = compile_all(bundle / "translations", bundle / "translations")
    assert len(written) == 12  # six languages, two domains
    before = snapshot(bundle)
    assert load_catalog("fr", "messages").gettext("Export") == "Exporter"
    assert load_catalog("ar", "messages").gettext("Export") != "Export"
    assert snapshot(bundle) == before
    assert list((tmp_path / "tmp").iterdir()) == []  # not compiled again elsewhere either


def test_a_bundle_without_them_still_speaks_and_still_writes_nothing_into_itself(bundle):
    before = snapshot(bundle)
    assert load_catalog("zh", "messages").gettext("Export") != "Export"
    assert snapshot(bundle) == before
