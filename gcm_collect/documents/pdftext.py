"""Lines of text drawn straight into the PDF page. fpdf2's ``cell`` runs its bidi algorithm,
font fallback and HarfBuzz shaping again on every line and character (an Arabic report of 50
practices took 4 to 20 s); here each run of one face and one direction is shaped (right to
left) or mapped (left to right) once, kept, and measured from its glyph advances."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import PDFResourceType, TextDirection
from fpdf.fonts import TTFFont

from gcm_collect.documents.bidi import bidi_class, explicit, right_to_left_runs
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


# Bold drawn from a face with no bold of its own (the shipped Chinese subset, the symbols):
# each glyph filled and outlined (PDF text render mode 2) with a line a thirtieth of the size
# wide, as LibreOffice and PDF viewers embolden a face that has none. As dark as Noto Sans
# CJK's real Bold (1.56 against 1.51 times the regular's ink, 10 pt at 150 dpi), without a
# second Chinese font in the bundle (the regular subset alone is 3.5 MB).
SYNTHETIC_BOLD = 0.03


@dataclass(frozen=True)
class Run:
    """Glyphs of one face, size and direction, ready to draw: segments of glyph codes, each
    at an offset (mm right, mm up) from the run's start; ``width`` in mm; ``emboldened``:
    bold asked of a face that has none, drawn filled and outlined."""

    font: TTFFont
    size: float
    segments: tuple[tuple[float, float, str], ...]
    width: float
    emboldened: bool = False


class Typesetter:
    """Measures and draws the texts of one PDF with its faces (the main one first)."""

    def __init__(self, pdf: FPDF, faces: list[Face], main: str) -> None:
        self.pdf = pdf
        ordered = sorted(faces, key=lambda f: f.family != main)
        self.faces = [(f.family.lower(), characters(f)) for f in ordered]
        self.runs: dict[tuple[str, float, bool, str], Run] = {}
        self.widths: dict[tuple[str, float, str], float] = {}
        self.words: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self.metrics: dict[tuple[int, int], tuple[str, int]] = {}  # (font, glyph): name, width

    def _font(self, family: str, style: str) -> TTFFont:
        # A face with no bold of its own (symbols, Chinese) is added once, unstyled.
        font = self.pdf.fonts.get(family + style) or self.pdf.fonts[family]
        assert isinstance(font, TTFFont)
        return font

    def _pieces(self, text: str) -> list[tuple[str, str]]:
        """(family, text) pieces, word by word: a word in the first face that draws it whole
        (each character in the first that has it, for a word no face draws whole); spaces
        stay with the word before them."""
        main, chars = self.faces[0]
        if chars.issuperset(map(ord, text)):
            return [(main, text)]
        pieces: list[tuple[str, str]] = []
        for word in TOKEN.findall(text):
            for family, part in self._word(word, pieces[-1][0] if pieces else main):
                if pieces and pieces[-1][0] == family:
                    pieces[-1] = (family, pieces[-1][1] + part)
                else:
                    pieces.append((family, part))
        return pieces

    def _word(self, word: str, before: str) -> tuple[tuple[str, str], ...]:
        key = (word, before if word.isspace() else "")
        if key not in self.words:
            codes = set(map(ord, word))
            whole = [f for f, chars in self.faces if codes <= chars]
            if word.isspace():
                if not whole:  # a tab, a form feed ... no face draws: a space stands in
                    word = " " * len(word)
                    whole = [f for f, chars in self.faces if ord(" ") in chars]
                self.words[key] = ((before if before in whole else whole[0], word),)
            elif whole:
                self.words[key] = ((whole[0], word),)
            else:
                self.words[key] = tuple((self._face(c), c) for c in word)
        return self.words[key]

    def _face(self, char: str) -> str:
        code = ord(char)
        return next((f for f, chars in self.faces if code in chars), self.faces[0][0])

    def run(self, family: str, style: str, size: float, rtl: bool, text: str) -> Run:
        key = (family + style, size, rtl, text)
        if key not in self.runs:
            font = self._font(family, style)
            if rtl:
                run = _shaped(font, size, text, self.pdf.k, self.metrics)
            else:
                run = _mapped(font, size, text, self.pdf.k)
            if "B" in style and family + style not in self.pdf.fonts:
                run = replace(run, emboldened=True)
            self.runs[key] = run
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
        if NEEDS_BIDI[base_rtl].isdisjoint(map(bidi_class, set(line))):
            directional = [(line, base_rtl)]
        elif base_rtl and not explicit(line):
            directional = right_to_left_runs(line)
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
        paragraph: str = "",
    ) -> None:
        """Draw a line in the box (x, y, width, height in mm), aligned to its right edge when
        ``rtl``, laid out right to left when its paragraph (or itself) has right-to-left
        letters."""
        runs = self.visual(line, style, size, rtl and right_to_left(paragraph or line))
        if not runs:
            return
        pdf, k = self.pdf, self.pdf.k
        x, y, wide, high = box
        if rtl:
            x += wide - sum(r.width for r in runs)
        baseline = (pdf.h - y - 0.5 * high - 0.3 * size / k) * k
        rgb = " ".join(f"{c / 255:.3f}" for c in colour)
        ops = [f"q BT {rgb} rg {rgb} RG"]
        current, emboldened = None, False
        for run in runs:
            if run.font is not current:
                current = run.font
                pdf._resource_catalog.add(PDFResourceType.FONT, run.font.i, pdf.page)
                ops.append(f"/F{run.font.i} {run.size:.2f} Tf")
            if run.emboldened != emboldened:
                emboldened = run.emboldened
                ops.append(f"2 Tr {run.size * SYNTHETIC_BOLD:.2f} w" if emboldened else "0 Tr")
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


def _shaped(
    font: TTFFont, size: float, text: str, k: float, metrics: dict[tuple[int, int], Any]
) -> Run:
    """A right-to-left run shaped by HarfBuzz (joined, ligatures, marks placed), glyphs in
    the order they are seen; a glyph placed off its advance starts a new segment. Each glyph
    carries the characters of its cluster, so the PDF's text reads back."""
    scale = font.scale * size * 0.001 / k  # font units to mm
    params = {"features": {}, "fragment_direction": TextDirection.RTL}
    infos, positions = font.perform_harfbuzz_shaping(text, size, params)
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    segments: list[tuple[float, float, str]] = []
    x, move, glyphs, start = 0.0, True, "", (0.0, 0.0)
    for info, pos in zip(infos, positions, strict=True):
        key = (font.i, info.codepoint)
        if key not in metrics:
            metrics[key] = _metrics(font, info.codepoint)
        name, width = metrics[key]
        chars = tuple(map(ord, text[info.cluster : ends.pop(info.cluster, info.cluster)]))
        glyph = font.subset.get_glyph(
            glyph=info.codepoint, unicode=chars, glyph_name=name, glyph_width=width
        )
        if glyph is None:
            continue
        if move or pos.x_offset or pos.y_offset:
            if glyphs:
                segments.append((*start, font.escape_text(glyphs)))
            start, glyphs = (x + pos.x_offset * scale, pos.y_offset * scale), ""
        glyphs += chr(font.subset.pick_glyph(glyph) or 0)
        x += pos.x_advance * scale
        move = bool(width != pos.x_advance or pos.x_offset or pos.y_offset or pos.y_advance)
    if glyphs:
        segments.append((*start, font.escape_text(glyphs)))
    return Run(font, size, tuple(segments), x)


def _metrics(font: TTFFont, glyph: int) -> tuple[str, int]:
    """A glyph's name and advance, in the PDF's thousandths of an em."""
    name = font.ttfont.getGlyphName(glyph)
    return name, round(font.scale * font.ttfont["hmtx"].metrics[name][0])
