"""Load gettext catalogs straight from the ``.po`` files, compiling them when they change.

Compiling on load means a fresh clone shows every language with no manual ``msgfmt`` step, and a
translator's edit to a ``.po`` file shows at the next start. The compiled ``.mo`` is cached,
named by the ``.po``'s hash, so an unchanged catalog loads without Babel (a faster start).

A built bundle (PyInstaller) carries the ``.mo`` files compiled at build time
(``compile_all``, called by build.spec) and never writes into itself: a signed macOS ``.app``
would stop opening, and a folder in Program Files is not the user's to write.
"""

from __future__ import annotations

import gettext
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from gcm_collect.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, RIGHT_TO_LEFT


def is_rtl(code: str) -> bool:
    """True for right-to-left languages (of the six, Arabic)."""
    return code.split("_")[0] in RIGHT_TO_LEFT


def translations_dir() -> Path:
    """Where the ``.po`` catalogs live: in the bundle when frozen, else beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parents[2] / "translations"


@cache
def load_catalog(language: str, domain: str) -> gettext.NullTranslations:
    """The compiled catalog for one language and domain; the identity catalog when absent."""
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{domain}.po"
    try:
        source = po_path.read_bytes()
    except FileNotFoundError:
        return gettext.NullTranslations()
    name = compiled_name(source, domain)
    for folder in _cache_folders(po_path):
        try:
            return gettext.GNUTranslations(io.BytesIO((folder / name).read_bytes()))
        except OSError:
            continue
    compiled = compile_po(source, language, domain)
    for folder in _cache_folders(po_path):
        if folder == po_path.parent and getattr(sys, "frozen", False):
            continue  # the bundle is read-only, whatever the file system allows
        if _store(folder, name, compiled, domain):
            break
    return gettext.GNUTranslations(io.BytesIO(compiled))


def compiled_name(source: bytes, domain: str) -> str:
    # CRC-32 and size name the compilation of this exact text (zlib is loaded already; hashlib
    # would cost start-up its OpenSSL set-up).
    return f"{domain}-{zlib.crc32(source):08x}-{len(source):x}.mo"


def compile_all(source_root: Path, dest_root: Path) -> list[Path]:
    """Compile every ``.po`` under ``source_root`` to ``dest_root/<lang>/LC_MESSAGES/``, named
    as ``load_catalog`` looks for them (build time: the bundle gets them ready)."""
    written = []
    for po_path in sorted(source_root.glob("*/LC_MESSAGES/*.po")):
        language, domain = po_path.parent.parent.name, po_path.stem
        if language not in LANGUAGES:
            continue
        source = po_path.read_bytes()
        folder = dest_root / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / compiled_name(source, domain)
        target.write_bytes(compile_po(source, language, domain))
        written.append(target)
    return written


def compile_po(source: bytes, language: str, domain: str) -> bytes:
    """``.po`` text to ``.mo`` bytes; fuzzy entries (unfinished work) are left out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _cache_folders(po_path: Path) -> Iterator[Path]:
    # Beside the catalog when that folder is writable (a checkout); else a temporary folder
    # (an installed bundle may be read-only).
    yield po_path.parent
    import tempfile  # only when the first folder failed: ~3 ms of start-up otherwise

    yield Path(tempfile.gettempdir()) / "gcm-collect-catalogs" / po_path.parent.parent.name


def _store(folder: Path, name: str, compiled: bytes, domain: str) -> bool:
    """Write ``compiled`` atomically and drop older compilations of the same catalog."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(compiled)
        os.replace(temp, folder / name)
        for old in folder.glob(f"{domain}-*.mo"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True


class Translator:
    """Holds the current language and answers lookups in it; tells listeners when it changes."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._listeners: list[Callable[[str], None]] = []

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unsupported language {code!r}; use one of {', '.join(LANGUAGES)}")
        if code == self.language:
            return
        self.language = code
        for listener in list(self._listeners):
            listener(code)

    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def off_change(self, listener: Callable[[str], None]) -> None:
        """Stop telling ``listener`` (a closed window must not be called again)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def gettext(self, message: str, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).pgettext(context, message)
