"""What a screen reader on Linux really gets: the real app under Xvfb and a session bus with Qt's
AT-SPI bridge on, its accessibility tree read by pyatspi (as Orca reads it), for a form with
problems, in English and Arabic.

Needs Xvfb, dbus, at-spi2-core and python3-pyatspi (Debian packages); skipped where they are
missing, as on a machine with only Python."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "atspi"
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str | None:
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return "no system Python for pyatspi"
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    if found.returncode != 0:
        return "python3-pyatspi is not installed"
    return None


MISSING = _missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def read_tree(lang: str, folder: Path) -> tuple[list[dict], dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PYTHONPATH"] = str(Path(__file__).parents[2])
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    done = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x900x24",
            "dbus-run-session",
            "--",
            "bash",
            str(HERE / "session.sh"),
            sys.executable,
            lang,
            str(folder),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    logs = "".join(
        (folder / name).read_text(errors="replace")
        for name in ("app.log", "reader.log")
        if (folder / name).exists()
    )
    assert done.returncode == 0, done.stderr[-2000:] + logs[-2000:]
    tree = json.loads((folder / "tree.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    expected["heard"] = json.loads((folder / "tree-announced.json").read_text(encoding="utf-8"))
    return tree, expected


_read: dict[str, tuple[list[dict], dict]] = {}


@pytest.fixture
def tree_in(tmp_path_factory):
    """``tree_in(lang)``: the tree and what the app meant to say, read once per language."""

    def read(lang: str) -> tuple[list[dict], dict]:
        if lang not in _read:
            _read[lang] = read_tree(lang, tmp_path_factory.mktemp(f"atspi-{lang}"))
        return _read[lang]

    return read


def named(tree: list[dict], role: str, name: str) -> dict:
    found = [n for n in tree if n["role"] == role and n["name"] == name]
    assert len(found) == 1, (role, name, [n["name"] for n in tree if n["role"] == role][:40])
    return found[0]


@pytest.mark.parametrize("lang, required", [("en", "(required)"), ("ar", "(إلزامي)")])
def test_a_screen_reader_gets_names_roles_required_and_problems(tree_in, lang, required):
    tree, expected = tree_in(lang)
    email, lead, region = (
        expected[p] for p in ("focal_point_email", "lead_entity", "review_region")
    )

    # A text field named by its question, said to be required, its problem in its description.
    field = named(tree, "text", email["name"])
    assert field["name"].endswith(required)
    assert email["problem"] and field["description"].startswith(email["problem"])
    # Linked to its label, which says "required" too (Orca reads the label first).
    assert field["labelled_by"] == [email["name"]]
    if lang == "en":
        assert field["name"] == "Focal point: e-mail (required)"
        assert "e-mail" in field["description"]
    else:
        assert any("\u0600" <= c <= "\u06ff" for c in field["description"])

    # A required answer missing: said on its field once the submission was marked complete.
    empty = named(tree, "text", lead["name"])
    assert lead["problem"] and empty["description"].startswith(lead["problem"])

    # Radio buttons in a group named by the question; each button named by its choice.
    group = named(tree, "panel", region["name"])
    assert group["name"].endswith(required)
    buttons = [
        n
        for n in tree
        if n["role"] == "radio button"
        and n["parent"] == ["panel", region["name"]]
        and "visible" in n["states"]
    ]
    # France takes part in three regional reviews; the others are hidden, not read.
    assert [b["name"].split(":")[0] for b in buttons] == ["ECE", "ECLAC", "ESCAP"]

    # The status line's message reaches screen readers as an announcement (here: Mark complete
    # refused, which the app repeats while the tree is read).
    assert expected["announced"] and expected["announced"] in expected["heard"]
    if lang == "en":
        assert expected["announced"].startswith("Not complete yet:")

    # No name keeps a mnemonic marker or the visual "*" of a required question.
    names = [n["name"] for n in tree if n["role"] not in ("label", "text")]
    assert [n for n in names if "&" in n or n.endswith(" *")] == []


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_menus_and_labels_reach_a_screen_reader_without_their_key_marker(tree_in, lang):
    """Qt names a menu item "文件(F)" for "文件(&F)" (it strips "&" only); the app's own
    interface for menu items names it "文件". The main window's and the form window's menus."""
    tree, expected = tree_in(lang)
    items = [n for n in tree if n["role"] == "menu item"]
    names = [n["name"] for n in items]
    assert sorted(names) == sorted(name for _text, name in expected["menus"])
    assert [n for n in names if not n.strip() or "&" in n or re.search(r"[(（]\w[)）]$", n)] == []
    # In the menu bar, read as shown: File, View... (Chinese: 文件, shown "文件(F)").
    bar = [n["name"] for n in items if n["parent"][0] == "menu bar" and "showing" in n["states"]]
    assert len(bar) == 4 + 3  # the main window's four menus, the form window's three
    if lang == "zh":
        assert sum("(&" in text for text, _name in expected["menus"]) > 10
        assert "文件" in bar
        # Nor a field's label, which Orca reads with the field ("错误(P)（60）" was heard).
        labels = [n["name"] for n in tree if n["role"] == "label"]
        assert "表单语言：" in labels
        assert [n for n in labels if re.search(r"[(（][A-Z][)）]", n)] == []
