"""What the command line prints is text, never terminal commands.

File names, officer names and form texts come from other people's files. Printed raw, an escape
sequence in one of them could recolour, clear or retitle the reviewer's terminal, and a
right-to-left override could make ``invoice‮fdp.exe`` read as ``invoiceexe.pdf``. Every line
the command line prints goes through ``printable``: control characters (but the line breaks
and tabs the app writes itself) and bidirectional embeddings, overrides and isolates are shown
as escapes (``\\x1b``, ``\\u202e``); all other text, right-to-left scripts included, is left alone.
"""

from __future__ import annotations

import io
import re
import sys

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with terminal control and bidirectional override characters escaped."""
    return _UNSAFE.sub(_escape, text)


class _Printable(io.TextIOWrapper):
    def write(self, text: str) -> int:
        return super().write(printable(text))


def make_streams_printable() -> None:
    """Route ``sys.stdout`` and ``sys.stderr`` (and so click.echo and print) through
    ``printable``, in UTF-8; streams without a byte buffer (a test's capture, the windowed
    app's missing console) are left as they are.

    UTF-8 whatever the code page: piped or redirected on Windows, Python writes in the ANSI
    code page (cp1252, cp936, cp1251), which cannot hold Arabic in cp1252 nor Cyrillic in
    cp936, and a State's name would end the command with "'charmap' codec can't encode".
    A Windows console window takes UTF-8 text through its own API either way. A lone
    surrogate (a file name that is not valid Unicode) is written as an escape, never a crash."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, _Printable) or not hasattr(stream, "buffer"):
            continue
        stream.flush()
        wrapped = _Printable(
            stream.buffer,
            encoding="utf-8",
            errors="backslashreplace",
            line_buffering=True,
        )
        setattr(sys, name, wrapped)
