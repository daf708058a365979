"""The fonts the PDF embeds: shipped in ``fonts/`` (Noto, SIL Open Font License; see its
README), with the laptop's full Noto Sans CJK for a rare Chinese character the shipped subset
lacks. A character no font has stops the PDF with a message naming it, never an empty box."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from gcm_collect.errors import UserError
from gcm_collect.i18n import _

FONT_DIR = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Face:
    family: str  # the name the PDF writer knows it by
    regular: Path
    bold: Path
    number: int = 0  # the face inside a font collection (.ttc)


SHIPPED = (
    Face("NotoSans", FONT_DIR / "NotoSans-Regular.ttf", FONT_DIR / "NotoSans-Bold.ttf"),
    Face(
        "NotoNaskhArabic",
        FONT_DIR / "NotoNaskhArabic-Regular.ttf",
        FONT_DIR / "NotoNaskhArabic-Bold.ttf",
    ),
    Face(  # the warning sign of a missing answer, arrows, check marks
        "NotoSansSymbols2",
        FONT_DIR / "NotoSansSymbols2-Regular-subset.ttf",
        FONT_DIR / "NotoSansSymbols2-Regular-subset.ttf",
    ),
    Face(
        "NotoSansSC",
        FONT_DIR / "NotoSansCJKsc-Regular-subset.otf",
        FONT_DIR / "NotoSansCJKsc-Regular-subset.otf",
    ),
)
MAIN = {"ar": "NotoNaskhArabic", "zh": "NotoSansSC"}  # others: NotoSans
CJK_COLLECTION = "NotoSansCJK-Regular.ttc"
CJK_SC_FACE = 2  # Simplified Chinese inside the collection (JP, KR, SC, TC, HK)


def _font_dirs() -> list[Path]:
    home = Path.home()
    dirs = [Path(d) for d in os.environ.get("GCM_COLLECT_FONTS", "").split(os.pathsep) if d]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs += [windir / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts"]
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), home / "Library/Fonts"]
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts"]
    return dirs


@cache
def full_cjk() -> Face | None:
    """The laptop's full Noto Sans CJK (Simplified Chinese face), if it has one."""
    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for found in sorted(folder.rglob(CJK_COLLECTION)):
            return Face("NotoSansCJK", found, found, CJK_SC_FACE)
    return None


@cache
def characters(face: Face) -> frozenset[int]:
    """The code points the face draws."""
    with TTFont(face.regular, fontNumber=face.number, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(cmap)


def faces_for(texts: Iterable[str], main: str = "NotoSans") -> tuple[Face, ...]:
    """The faces the texts need: the document's main face and Noto Sans, then each shipped
    face that draws a character they still miss (a font is read only when needed: the Chinese
    one takes a second), then the laptop's full CJK face; UserError naming the characters no
    font can draw."""
    for face in SHIPPED:
        if not face.regular.is_file():
            raise UserError(
                _(
                    "the font {name} is missing from this installation; reinstall GCM Collect"
                ).format(name=face.regular.name),
                face.regular,
            )
    used = set("".join(texts))  # each character once: a report has a million of them
    missing = {ord(c) for c in used if c.isprintable() and not c.isspace()}
    first = [f for f in SHIPPED if f.family in (main, "NotoSans")]
    chosen = list(first)
    for face in first:
        missing -= characters(face)
    for face in SHIPPED:
        if missing and face not in first and missing & characters(face):
            chosen.append(face)
            missing -= characters(face)
    if missing:
        extra = full_cjk()
        if extra is not None and missing & characters(extra):
            chosen.append(extra)
            missing -= characters(extra)
    if missing:
        shown = "".join(chr(c) for c in sorted(missing)[:12])
        raise UserError(
            _(
                "no font of this installation can print these characters: {chars}; install "
                "the Noto fonts (Noto Sans CJK for Chinese) and try again, or save as Word"
            ).format(chars=shown)
        )
    return tuple(chosen)
