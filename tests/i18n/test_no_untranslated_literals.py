"""No user-visible string literal in the app bypasses gettext.

Texts handed to Qt widgets (titles, labels, buttons, tooltips, messages, accessible names)
must come through ``_`` / ``ngettext``; a bare literal there would stay English in Arabic.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "gcm_collect" / "app"

# Qt calls whose string arguments a user sees or hears (screen readers).
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setTitle",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setLabelText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "addAction",
    "addMenu",
    "addTab",
    "insertTab",
    "setTabText",
    "showMessage",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "setInformativeText",
    "setDetailedText",
    "addItem",
    "addItems",
    "setItemText",
    "information",
    "warning",
    "critical",
    "question",
    "about",
    "getText",
    "getOpenFileName",
    "getOpenFileNames",
    "getSaveFileName",
    "getExistingDirectory",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "QMessageBox",
    "QTreeWidgetItem",
    "QListWidgetItem",
    "QStandardItem",
}
WORDS = re.compile(r"[^\W\d_]{2,}")  # at least one word: "", "…", "%", "/" are not prose


def violations(tree: ast.AST, name: str) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called not in TEXT_CALLS:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            candidates = [arg]
            if isinstance(arg, ast.List | ast.Tuple):
                candidates = list(arg.elts)
            for item in candidates:
                if (
                    isinstance(item, ast.Constant)
                    and isinstance(item.value, str)
                    and WORDS.search(item.value)
                ):
                    found.append(f"{name}:{item.lineno}: {called}({item.value!r})")
                if isinstance(item, ast.JoinedStr) and any(
                    isinstance(part, ast.Constant) and WORDS.search(str(part.value))
                    for part in item.values
                ):
                    found.append(f"{name}:{item.lineno}: {called}(f-string): use _() and .format")
    return found


def test_app_texts_go_through_gettext():
    found = []
    for path in sorted(APP.rglob("*.py")):
        found += violations(ast.parse(path.read_text("utf-8")), str(path.relative_to(APP)))
    assert found == [], "\n".join(found)


def test_the_check_catches_a_bare_literal():
    bad = ast.parse("label.setText('Save')\nQPushButton('Open', self)\nlabel.setText(_('Ok'))")
    assert len(violations(bad, "x.py")) == 2
