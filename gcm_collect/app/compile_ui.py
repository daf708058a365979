"""Compile the Designer files of ``ui/`` into ``gcm_collect/app/designer/`` (``make ui``).

Windows are built from compiled forms rather than parsed at run time: QUiLoader costs about
30 ms for the main window, a fifth of the app's start-up. Each compiled module records the
SHA-256 of the ``.ui`` file it came from, so a test notices a Designer edit not compiled yet.

The output of ``pyside6-uic`` is kept as it is, except that its imports are cut down to the
names the form uses: each Qt class imported costs start-up time even when unused.

    .venv/bin/python -m gcm_collect.app.compile_ui
"""

from __future__ import annotations

import ast
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "ui"
OUT_DIR = Path(__file__).resolve().parent / "designer"
SOURCE_MARK = "# Compiled from ui/{name}, SHA-256 {digest}"


def source_digest(ui_file: Path) -> str:
    # Line ends normalised: a Windows checkout (CRLF) has the same Designer file.
    return hashlib.sha256(ui_file.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def source_line(ui_file: Path) -> str:
    return SOURCE_MARK.format(name=ui_file.name, digest=source_digest(ui_file))


def _uic() -> str:
    # The venv's own (bin/ or Scripts\, .exe on Windows) even when it is not activated.
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    found = found or shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: run make (it installs PySide6)")
    return found


def _used_imports(code: str) -> str:
    """``code`` with each ``from PySide6... import (...)`` reduced to the names it uses."""
    tree = ast.parse(code)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = code.splitlines(keepends=True)
    # Replace from the bottom so earlier line numbers stay right.
    for node in reversed(tree.body):
        if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")):
            continue
        names = sorted(alias.name for alias in node.names if alias.name in used)
        text = f"from {node.module} import {', '.join(names)}\n" if names else ""
        lines[node.lineno - 1 : node.end_lineno] = [text]
    return "".join(lines)


def compile_ui(ui_file: Path) -> str:
    """The Python module for ``ui_file``, as written into ``designer/``."""
    result = subprocess.run(
        [_uic(), "--no-autoconnection", str(ui_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{ui_file}: {result.stderr.strip()}")
    header = f"# ruff: noqa\n{source_line(ui_file)}\n"
    return header + _used_imports(result.stdout)


def module_path(ui_file: Path) -> Path:
    return OUT_DIR / f"{ui_file.stem}.py"


def main() -> None:
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        module_path(ui_file).write_text(compile_ui(ui_file), encoding="utf-8")
        print(f"{ui_file.relative_to(ROOT)} -> {module_path(ui_file).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
