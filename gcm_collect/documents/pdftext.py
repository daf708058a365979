"""Lines of text drawn straight into the PDF page. fpdf2's ``cell`` runs its bidi algorithm,
font fallback and HarfBuzz shaping again on every line and character (an Arabic report of 50
practices took 4 to 20 s); here each run of one face and one direction is shaped (right to
left) or mapped (left to right) once, kept, and measured from its glyph advances."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import PDFResourceType, TextDirection
from fpdf.fonts import TTFFont

from gcm_collect.documents.fonts import Face, characters
from gcm_collect.documents.model import right_to_left

# A token of a line: a run of spaces, one Chinese/Japanese/Korean character (lines break
# between any two), or a word.
TOKEN = re.compile(
    "\\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)
# Bidi controls steer the reordering and are never drawn.
CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Classes that make a line need the bidi algorithm: in a right-to-left line, anything
# left to right (letters, numbers); in a left-to-right one, anything right to left.
NEEDS_BIDI = {
    True: {"L", "EN", "AN", "LRE", "LRO", "LRI", "RLE", "RLO", "RLI", "FSI", "PDI", "PDF"},
    False: {"R", "AL", "AN", "LRE", "LRO", "LRI", "RLE", "RLO", "RLI", "FSI", "PDI", "PDF"},
}


@cache
def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char)


@dataclass(frozen=True)
class Run:
    """Glyphs of one face, size and direction, ready to draw: segments of glyph codes, each
    at an offset (mm right, mm up) from the run's start; ``width`` in mm."""

    font: TTFFont
    size: float
    segments: tuple[tuple[float, float, str], ...]
    width: float


class Typesetter:
    """Measures and draws the texts of one PDF with its faces (the main one first)."""

    def __init__(self, pdf: FPDF, faces: list[Face], main: str) -> None:
        self.pdf = pdf
        ordered = sorted(faces, key=lambda f: f.family != main)
        self.faces = [(f.family.lower(), characters(f)) for f in ordered]
        self.runs: dict[tuple[str, float, bool, str], Run] = {}
        self.widths: dict[tuple[str, float, str], float] = {}

    def _font(self, family: str, style: str) -> TTFFont:
        font = self.pdf.fonts[family + style]
        assert isinstance(font, TTFFont)
        return font

    def _pieces(self, text: str) -> list[tuple[str, str]]:
        """(family, text) pieces: each character in the face of the character before it when
        that face has it (punctuation stays with its word), else in the first that has it."""
        main, chars = self.faces[0]
        if chars.issuperset(map(ord, text)):
            return [(main, text)]
        have = dict(self.faces)
        pieces: list[tuple[str, str]] = []
        for char in text:
            code = ord(char)
            family = pieces[-1][0] if pieces else main
            if code not in have[family]:
                family = next((f for f, chars in self.faces if code in chars), family)
            if pieces and pieces[-1][0] == family:
                pieces[-1] = (family, pieces[-1][1] + char)
            else:
                pieces.append((family, char))
        return pieces

    def run(self, family: str, style: str, size: float, rtl: bool, text: str) -> Run:
        key = (family + style, size, rtl, text)
        if key not in self.runs:
            font = self._font(family, style)
            build = _shaped if rtl else _mapped
            self.runs[key] = build(font, size, text, self.pdf.k)
        return self.runs[key]

    def width(self, token: str, style: str, size: float) -> float:
        key = (style, size, token)
        if key not in self.widths:
            rtl = right_to_left(token)
            self.widths[key] = sum(
                self.run(family, style, size, rtl, piece).width
                for family, piece in self._pieces(CONTROLS.sub("", token))
            )
        return self.widths[key]

    def lines(self, text: str, style: str, size: float, room: float) -> list[str]:
        """The lines the text breaks into in ``room`` mm (at spaces; anywhere in Chinese)."""
        out: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for token in TOKEN.findall(paragraph):
                if token.isspace() and not line:
                    continue
                wide = self.width(token, style, size)
                if line and used + wide > room and not token.isspace():
                    out.append("".join(line).rstrip())
                    line, used = [], 0.0
                while wide > room and len(token) > 1:  # a word wider than the room: cut it
                    cut = max(1, int(len(token) * room / wide))
                    out.append(token[:cut])
                    token = token[cut:]
                    wide = self.width(token, style, size)
                line.append(token)
                used += wide
            out.append("".join(line).rstrip())
        return out

    def visual(self, line: str, style: str, size: float, base_rtl: bool) -> list[Run]:
        """The runs of a line, left to right as they are seen."""
        if NEEDS_BIDI[base_rtl].isdisjoint(map(_bidi_class, set(line))):
            directional = [(line, base_rtl)]
        else:
            base = TextDirection.RTL if base_rtl else TextDirection.LTR
            fragments = BidiParagraph(line, base, preserve_bn_chars=True).get_bidi_fragments()
            directional = [(t, d == TextDirection.RTL) for t, d in fragments]
        out: list[Run] = []
        for text, rtl in directional[::-1] if base_rtl else directional:
            runs = [
                self.run(family, style, size, rtl, piece)
                for family, piece in self._pieces(CONTROLS.sub("", text))
                if piece
            ]
            out += runs[::-1] if rtl else runs
        return out

    def draw(
        self,
        line: str,
        style: str,
        size: float,
        box: tuple[float, float, float, float],
        rtl: bool,
        colour: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        """Draw a line in the box (x, y, width, height in mm), aligned to its right edge when
        ``rtl``, laid out right to left when it has right-to-left letters."""
        runs = self.visual(line, style, size, rtl and right_to_left(line))
        if not runs:
            return
        pdf, k = self.pdf, self.pdf.k
        x, y, wide, high = box
        if rtl:
            x += wide - sum(r.width for r in runs)
        baseline = (pdf.h - y - 0.5 * high - 0.3 * size / k) * k
        red, green, blue = (c / 255 for c in colour)
        ops = [f"q BT {red:.3f} {green:.3f} {blue:.3f} rg"]
        current = None
        for run in runs:
            if run.font is not current:
                current = run.font
                pdf._resource_catalog.add(PDFResourceType.FONT, run.font.i, pdf.page)
                ops.append(f"/F{run.font.i} {run.size:.2f} Tf")
            for dx, dy, glyphs in run.segments:
                ops.append(f"1 0 0 1 {(x + dx) * k:.2f} {baseline + dy * k:.2f} Tm ({glyphs}) Tj")
            x += run.width
        ops.append("ET Q")
        pdf._out(" ".join(ops))


def _mapped(font: TTFFont, size: float, text: str, k: float) -> Run:
    """A left-to-right run: each character's glyph, advanced by its width."""
    codes = [font.subset.pick(ord(c)) for c in text]
    glyphs = "".join(chr(c) for c in codes if c is not None)
    width = sum(font.cw[ord(c)] for c in text) * size * 0.001 / k
    return Run(font, size, ((0.0, 0.0, font.escape_text(glyphs)),), width)


def _shaped(font: TTFFont, size: float, text: str, k: float) -> Run:
    """A right-to-left run shaped by HarfBuzz (joined, ligatures, marks placed), glyphs in
    the order they are seen; a glyph placed off its advance starts a new segment."""
    scale = font.scale * size * 0.001 / k  # font units to mm
    params = {"features": {}, "fragment_direction": TextDirection.RTL}
    segments: list[tuple[float, float, str]] = []
    x, move, glyphs = 0.0, True, ""
    start = (0.0, 0.0)
    for info in font.shape_text(text, size, params):
        if info["mapped_char"] is None:
            continue
        if move:
            if glyphs:
                segments.append((*start, font.escape_text(glyphs)))
            start, glyphs = (x + info["x_offset"] * scale, info["y_offset"] * scale), ""
        glyphs += chr(info["mapped_char"])
        x += info["x_advance"] * scale
        move = info["force_positioning"]
    if glyphs:
        segments.append((*start, font.escape_text(glyphs)))
    return Run(font, size, tuple(segments), x)
