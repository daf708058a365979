"""The PyInstaller bundle (``make check-dist``): it runs without Python, passes its selftest and
opens the window. Skipped unless ``GCM_COLLECT_DIST`` names a built bundle folder: building takes
minutes, too slow for ``make test``."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from gcm_collect import __version__
from gcm_collect.i18n import LANGUAGES
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.selftest import STEPS
from gcm_collect.store import Store
from gcm_collect.versions import installed
from tests.documents.doc_helpers import PRACTICE_TITLES, answered, pdf_fonts, pdf_text

FOLDER = os.environ.get("GCM_COLLECT_DIST")
pytestmark = pytest.mark.skipif(not FOLDER, reason="set GCM_COLLECT_DIST (make check-dist)")
SIZE_GOAL_MB = 150
# Libraries the bundle carries itself (the rest comes with the operating system).
OURS = ("libQt6", "libpyside6", "libshiboken6", "libicu", "libpython", "libsqlite3", "libssl")


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(FOLDER).resolve()
    if not folder.is_dir():
        pytest.fail(f"{folder}: no bundle here; run make dist")
    return folder


def executable(bundle: Path) -> Path:
    return bundle / ("gcm-collect.exe" if sys.platform == "win32" else "gcm-collect")


def run(bundle: Path, *args: str, env: dict | None = None, cwd: Path | None = None):
    # No PYTHONPATH or venv in sight: the bundle must carry everything itself.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        [str(executable(bundle)), *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def test_version_names_what_the_bundle_was_built_from(bundle):
    done = run(bundle, "--version")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"gcm-collect, version {__version__}"
    # Built by `make dist` with the Python and libraries of this same .venv.
    assert lines[1] == f"Python {platform.python_version()}"
    assert lines[2:-1] == installed()
    assert lines[-1].startswith("PyInstaller 6.")


def test_selftest_passes_in_the_bundle(bundle, tmp_path):
    done = run(bundle, "--lang", "en", "selftest", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0][6:] for line in lines] == [name for name, _step in STEPS]
    assert not [line for line in lines if not line.startswith(("ok    ", "skip  "))]


def test_selftest_in_arabic(bundle, tmp_path):
    done = run(bundle, "--lang", "ar", "selftest", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(done.stdout.splitlines()) == len(STEPS)


def test_a_user_error_is_one_line_naming_the_file(bundle, tmp_path):
    missing = tmp_path / "missing.xlsx"
    done = run(bundle, "--db", str(tmp_path / "db.sqlite3"), "import", str(missing))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and str(missing) in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_window_opens_offscreen(bundle, tmp_path, lang):
    done = run(
        bundle,
        "--db",
        str(tmp_path / "db.sqlite3"),
        "--lang",
        lang,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "GCM_COLLECT_EXIT_AFTER_SHOW": "1",
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window shown" in done.stdout.splitlines()
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_bundle_writes_the_report_in_pdf_and_word(bundle, tmp_path, lang):
    # The selftest leaves the documents out: this is what proves the bundle still carries
    # fpdf2, uharfbuzz, fontTools, python-docx, lxml and the fonts (build.spec drops a lot).
    database = tmp_path / "db.sqlite3"
    with Store.open(database) as store:
        ensure_builtin(store)
        uuid = answered(store)
    pdf, word = tmp_path / "report.pdf", tmp_path / "report.docx"
    for out in (pdf, word):
        args = ("--db", str(database), "report", "--uuid", uuid, "--lang", lang, "--out", str(out))
        done = run(bundle, *args, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stderr == ""  # no warning either (fpdf2 warns when Pillow is missing)
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _name, embedded in fonts)
    # Arabic comes out shaped (HarfBuzz) in the Naskh face, Chinese in the CJK face.
    family = {"en": "NotoSans", "ar": "Naskh", "zh": "CJK"}[lang]
    assert any(family in name for name, _embedded in fonts)
    squeezed = "".join(c for c in pdf_text(pdf) if c.isalpha())
    for title in PRACTICE_TITLES:
        assert "".join(c for c in title if c.isalpha()) in squeezed
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert all(title in text for title in PRACTICE_TITLES)


# What the app asks ICU through Qt (buildtools/icu_data.py): the State lists sorted in each
# language, case mapping, and dates with time-zone names. Printed as JSON.
ICU_PROBE = """
import json, sys
import PySide6
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from gcm_collect.app.collation import states_by_name
from gcm_collect.reference import state_label, states

out = {"from": PySide6.__file__}
moment = QDateTime(QDate(2026, 3, 8), QTime(14, 5), QTimeZone(b"Europe/Moscow"))
zones = (b"Asia/Shanghai", b"America/Bogota", b"Africa/Cairo", b"Europe/Paris")
for lang in ("ar", "en", "es", "fr", "ru", "zh"):
    locale = QLocale(lang)
    names = [state_label(s.iso3, lang) for s in states()]
    out[lang] = {
        "order": states_by_name(lang),
        "upper": [locale.toUpper(n) for n in names],
        "lower": [locale.toLower(n) for n in names],
        "long": locale.toString(moment, QLocale.FormatType.LongFormat),
        "zones": [
            QTimeZone(z).displayName(
                QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, locale
            )
            for z in zones
        ],
    }
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def icu_probe(*flags: str, env: dict | None = None, cwd: Path | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, *flags, "-c", ICU_PROBE], capture_output=True, env=env, cwd=cwd
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return json.loads(done.stdout.decode("utf-8"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ICU is cut on Linux only")
def test_the_bundles_icu_sorts_and_formats_as_the_full_one(bundle):
    # The bundle's own modules, Qt and cut-down ICU, run by this same Python (-S: none of the
    # venv's packages), against the venv's PySide6 with ICU's full data.
    internal = bundle / "_internal"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    full = icu_probe()
    cut = icu_probe("-S", env={**clean, "PYTHONPATH": str(internal)}, cwd=internal)
    assert Path(cut.pop("from")).is_relative_to(internal)
    assert not Path(full.pop("from")).is_relative_to(internal)
    assert cut == full


def test_data_files_are_in_the_bundle(bundle):
    data = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    for lang in LANGUAGES:
        for domain in ("messages", "forms"):
            assert (data / "translations" / lang / "LC_MESSAGES" / f"{domain}.po").is_file()
    assert not (data / "ui").exists()  # Designer files come compiled, as modules
    assert (data / "gcm_collect" / "forms" / "builtin" / "survey.csv").is_file()
    assert (data / "gcm_collect" / "reference" / "data" / "objectives.csv").is_file()
    assert (data / "gcm_collect" / "reference" / "data" / "cldr_state_names.csv").is_file()
    locales = {p.stem for p in (data / "babel" / "locale-data").iterdir()}
    assert locales == {"root", *LANGUAGES}


def test_no_unused_qt_parts_and_under_the_size_goal(bundle):
    entries = list(bundle.rglob("*"))
    unwanted = ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Network")
    assert not [p.name for p in entries if any(u in p.name for u in unwanted)]
    assert not [p.name for p in entries if p.is_symlink() and not p.exists()]  # dangling
    files = [p for p in entries if p.is_file() and not p.is_symlink()]
    megabytes = sum(p.stat().st_size for p in files) / 1024**2
    assert megabytes < SIZE_GOAL_MB, f"{megabytes:.0f} MB"


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="ldd")
def test_every_library_finds_its_dependencies(bundle):
    # A library dropped by build.spec but still needed shows up here, not on a field laptop.
    # (X11 helper libraries missing on a build server are the laptop's, like libxcb-cursor0.)
    missing = {}
    for path in bundle.rglob("*.so*"):
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        lost = [
            line.strip()
            for line in done.stdout.splitlines()
            if "not found" in line and line.strip().startswith(OURS)
        ]
        if lost:
            missing[str(path.relative_to(bundle))] = lost
    assert missing == {}
