"""Windows are built from the Designer files as compiled by `make ui`, never from stale ones."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow

from gcm_collect.app import compile_ui

UI_FILES = sorted(compile_ui.UI_DIR.glob("*.ui"))


def test_every_designer_file_is_compiled():
    assert UI_FILES
    compiled = {p.stem for p in compile_ui.OUT_DIR.glob("*.py")} - {"__init__"}
    assert compiled == {p.stem for p in UI_FILES}


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_compiled_module_is_from_the_current_designer_file(ui_file):
    module = compile_ui.module_path(ui_file).read_text(encoding="utf-8")
    assert compile_ui.source_line(ui_file) in module, f"{ui_file.name} changed: run make ui"


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_compiling_again_gives_the_same_module(ui_file):
    """Where this machine's uic is the one that compiled the files, its output is unchanged."""
    kept = compile_ui.module_path(ui_file).read_text(encoding="utf-8")
    again = compile_ui.compile_ui(ui_file)
    version = re.compile(r"Compiler version (\S+)")
    if version.search(kept).group(1) != version.search(again).group(1):
        pytest.skip("compiled with another version of uic")
    assert again == kept


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_no_designer_name_hides_a_qt_method(ui_file):
    module = import_module(f"gcm_collect.app.designer.{ui_file.stem}")
    names = set(re.findall(r"self\.(\w+) = ", compile_ui.module_path(ui_file).read_text()))
    base = QMainWindow if "QMainWindow" in ui_file.read_text() else QDialog
    assert module
    assert sorted(n for n in names if hasattr(base, n)) == []


def test_a_designer_name_that_would_hide_a_method_of_the_window_is_refused(qtbot):
    from gcm_collect.app.uiloader import load_ui

    class Window(QMainWindow):
        def table(self) -> None:  # main_window.ui has a widget named "table"
            pass

    window = Window()
    qtbot.addWidget(window)
    with pytest.raises(ValueError, match="table hides Window.table"):
        load_ui("main_window.ui", window)
