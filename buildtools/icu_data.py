"""ICU's data cut down to what Qt reads, for the Linux bundle (build.spec).

PySide6's libicudata.so.73 is 30 MB: every locale, text converter, dictionary and transliterator
ICU has, as one data package behind the symbol ``icudt73_dat``. QtCore calls ICU for four things
only (``nm -D --undefined-only libQt6Core.so.6``: ``ucol_*``, ``ucal_*``, ``ucnv_*`` and
``u_strToUpper/Lower``), and none of the other Qt libraries the bundle keeps calls it at all:

- collation (QCollator: the State lists sort as the display language sorts): ``coll/``;
- calendars and time-zone names (QTimeZone): ``zone/``, ``region/``, the locale files and the
  supplemental data (zoneinfo64, metaZones, likelySubtags, ...);
- case mapping: built into libicuuc;
- text converters: only for legacy encodings the app never asks Qt for (its files are UTF-8,
  and UTF-8/16/32, Latin-1 and ASCII are built into libicuuc), so the converter tables go.

Kept: those trees for the six UN languages, their regional variants and root, and every file
that is not a locale's. Dropped: the other locales, the break iterators and their dictionaries,
units, currencies, language names, transliterators, number spell-out rules, character names and
the converter tables. The package is rewritten in ICU's own format (a table of contents, then
the items, each on 16 bytes) and linked into a library of the same name and symbol, so nothing
else changes. ``make check-dist`` compares the bundle's sorting and formatting with the full
ICU's (tests/test_dist.py).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

LANGUAGES = frozenset({"ar", "en", "es", "fr", "ru", "zh"})
# Trees of locale data Qt never reads (see above).
DROPPED_TREES = frozenset({"brkitr", "curr", "lang", "rbnf", "translit", "unit"})
# A locale's file: root, or a language code with its script, region and variant parts.
LOCALE = re.compile(r"(root|[a-z]{2,3}(_[A-Za-z0-9]*)*)")
ALIGN, PAD = 16, b"\xaa"  # ICU's tools start every item on 16 bytes, padding with 0xaa


def kept(name: str) -> bool:
    """Whether the bundle keeps the package item ``name`` (``icudt73l/coll/zh.res``)."""
    parts = name.split("/")[1:]
    leaf = parts[-1]
    stem, _dot, extension = leaf.rpartition(".")
    if len(parts) > 1 and parts[0] in DROPPED_TREES:
        return False
    if len(parts) == 1 and (extension == "cnv" or leaf == "unames.icu"):
        return False
    if extension == "res" and stem != "res_index" and LOCALE.fullmatch(stem):
        return stem == "root" or stem.split("_")[0] in LANGUAGES
    return True


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU's common data format: a header, then a table of contents (item count, then a name
    offset and a data offset per item, both from the table's start), the names, the items."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    count = struct.unpack_from("<I", data, header_size)[0]
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_at, data_at) in enumerate(entries):
        start = header_size + name_at
        name = data[start : data.index(b"\0", start)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(data) - header_size
        items.append((name, data[header_size + data_at : header_size + end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package of ``items`` (kept in their sorted order: ICU searches them by halves)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    table = 4 + 8 * len(items)
    first = -(-(table + len(names)) // ALIGN) * ALIGN  # the first item, aligned
    # The header's length is a multiple of 16 too, so item offsets stay aligned in the file.
    entries, body, name_at, data_at = [], bytearray(), table, first
    for name, data in items:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = data + PAD * (-len(data) % ALIGN)
        body += padded
        data_at += len(padded)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + PAD * (first - len(toc)) + bytes(body)


def _symbol(library: bytes) -> tuple[str, int, int]:
    """The name, file offset and size of the data symbol of an ELF64 little-endian library."""
    shoff, _flags, _ehsize, _phsize, _phnum, shentsize, shnum = struct.unpack_from(
        "<QIHHHHH", library, 0x28
    )
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize) for i in range(shnum)
    ]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strings = sections[dynsym[6]]  # its sh_link: .dynstr
    for at in range(dynsym[4], dynsym[4] + dynsym[5], dynsym[9]):
        name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", library, at)
        start = strings[4] + name_at
        name = library[start : library.index(b"\0", start)].decode("ascii")
        if re.fullmatch(r"icudt\d+_dat", name):
            section = sections[index]
            return name, value - section[3] + section[4], size  # address -> file offset
    raise ValueError("no icudt*_dat symbol: not ICU's data library")


def shrink(library: Path, out_dir: Path, keep=kept) -> Path:
    """``library`` (libicudata.so.NN) rebuilt in ``out_dir`` with only the items ``keep`` wants:
    same file name, soname and symbol. Needs a C compiler (cc) to link it."""
    raw = library.read_bytes()
    symbol, offset, size = _symbol(raw)
    header, items = read_package(raw[offset : offset + size])
    package = write_package(header, [(n, d) for n, d in items if keep(n)])
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / library.name
    with tempfile.TemporaryDirectory() as folder:
        dat, source = Path(folder) / "data.dat", Path(folder) / "data.S"
        dat.write_bytes(package)
        source.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n"
            f'{symbol}:\n.incbin "{dat}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        compiler = shutil.which("cc") or shutil.which("gcc")
        if compiler is None:
            raise FileNotFoundError("no C compiler (cc) to link ICU's data library")
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target)]
            + [str(source)],
            check=True,
        )
    return target


def names(library: Path) -> Iterable[str]:
    """The item names of the data package in ``library``."""
    raw = library.read_bytes()
    _symbol_name, offset, size = _symbol(raw)
    return [name for name, _data in read_package(raw[offset : offset + size])[1]]
