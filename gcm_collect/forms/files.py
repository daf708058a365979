"""The answer to a ``file`` question: a reference to a document stored beside the answers.

The answer value is one line of text, ``sha256:<64 hex> <size> <name>``: storable like any other
answer (and audited like one), comparable, readable in a JSON Lines line or an export. The bytes
live in the store's attachments table, keyed by the SHA-256, and travel in the machine part of
exported workbooks.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

# The size has at most 15 digits (under a petabyte): a declared 10^26 once overflowed the
# form window's size display.
_VALUE_RE = re.compile(r"sha256:([0-9a-f]{64}) ([0-9]{1,15}) (.+)\Z", re.DOTALL)
MAX_NAME = 255
# Never part of a name shown or suggested: control characters, bidirectional embeddings,
# overrides, isolates and marks (a right-to-left override shows "invoice\u202efdp.exe" as
# "invoiceexe.pdf"), and what Windows refuses in file names.
_UNSAFE = re.compile('[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]')


@dataclass(frozen=True)
class FileRef:
    name: str
    sha256: str
    size: int

    @property
    def value(self) -> str:
        """The answer value for this file."""
        return f"sha256:{self.sha256} {self.size} {self.name}"


def clean_name(name: str) -> str:
    """The file's own name, safe to show and to suggest as a file name: no folder, no control
    or bidirectional characters, on one line, not only dots, at most 255 characters."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = _UNSAFE.sub("", " ".join(base.split()))
    base = " ".join(base.split()).strip(" .")  # a character removed may leave two spaces
    return base[-MAX_NAME:] or "file"


def file_ref(name: str, data: bytes) -> FileRef:
    """The reference for ``data`` attached under ``name``."""
    return FileRef(clean_name(name), hashlib.sha256(data).hexdigest(), len(data))


def parse_file_value(value: object) -> FileRef | None:
    """The reference a file answer holds; None when ``value`` is not one."""
    if not isinstance(value, str):
        return None
    m = _VALUE_RE.match(value)
    if not m:
        return None
    return FileRef(clean_name(m[3]), m[1], int(m[2]))  # names from other people's files
