"""The translator's loop in one command (``make translations``).

Extracts the app's strings into ``messages.pot``, then creates or updates each language's
``messages.po``. English is the source language, so its catalog is filled with the source text:
a wording fix is then a catalog edit, never a code change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from gcm_collect.i18n.catalogs import LANGUAGES, translations_dir

ROOT = Path(__file__).resolve().parents[2]


def pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", *args], check=True, cwd=ROOT
    )


def fill_english(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            message.string = tuple(message.id)
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)


def update_domain(domain: str, pot: Path) -> None:
    for code in LANGUAGES:
        po = translations_dir() / code / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            pybabel(
                "update",
                "-i",
                str(pot),
                "-o",
                str(po),
                "-l",
                code,
                "--no-fuzzy-matching",
                "-w",
                "100",
            )
        else:
            pybabel("init", "-i", str(pot), "-o", str(po), "-l", code, "-w", "100")
        if code == "en":
            fill_english(po)


def main() -> None:
    pot = translations_dir() / "messages.pot"
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-o",
        str(pot),
        "--sort-output",
        "-w",
        "100",
        "--project",
        "GCM Collect",
        "gcm_collect",
        "ui",  # the Designer files of the fixed windows
    )
    update_domain("messages", pot)
    forms_pot = translations_dir() / "forms.pot"
    pybabel(
        "extract",
        "-F",
        "babel-forms.cfg",
        "-o",
        str(forms_pot),
        "--sort-output",
        "-w",
        "100",
        "--project",
        "GCM Collect forms",
        "gcm_collect/forms/builtin",
    )
    update_domain("forms", forms_pot)


if __name__ == "__main__":
    main()
