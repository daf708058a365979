"""Which Python and which libraries this copy of GCM Collect runs on (``gcm-collect --version``).

Installed with pip, the package metadata says. A bundle has no metadata to ask, so build.spec
writes the list it was built from into the bundle (``versions.txt``) and this reads it back: a
laptop can tell exactly what it runs, and a bug report can name it.
"""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata
from pathlib import Path

from gcm_collect import __version__

FILE_NAME = "versions.txt"
# A requirement's project name: the text before any version, extra, marker or space.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _requirement_name(requirement: str) -> str | None:
    """The project a runtime requirement names; None for an optional one (``extra == ...``)."""
    if "extra ==" in requirement.replace('"', "").replace("'", ""):
        return None
    match = _NAME.match(requirement.strip())
    return match.group(0) if match else None


def installed(root: str = "gcm-collect") -> list[str]:
    """``name version`` of every library ``root`` needs at run time, as installed here, sorted
    by name (optional extras and requirements for other systems, not installed, left out)."""
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        try:
            dist = metadata.distribution(todo.pop())
        except metadata.PackageNotFoundError:
            continue  # a requirement for another system (colorama on Windows)
        name = dist.metadata["Name"]
        if name.lower() in seen:
            continue
        seen[name.lower()] = f"{name} {dist.version}"
        todo += [n for n in map(_requirement_name, dist.requires or []) if n]
    seen.pop(root.lower(), None)
    return sorted(seen.values(), key=str.lower)


def bundled() -> list[str] | None:
    """The list the bundle was built from, or None when not running from a bundle."""
    folder = getattr(sys, "_MEIPASS", None)
    if not folder:
        return None
    path = Path(folder) / FILE_NAME
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def build_record(builder: str) -> str:
    """The contents of ``versions.txt``, written by build.spec with the build's Python."""
    lines = [f"Python {platform.python_version()}", *installed(), builder]
    return "\n".join(lines) + "\n"


def describe() -> str:
    """What ``--version`` prints: the app's version, then what it runs on, one per line."""
    lines = bundled()
    if lines is None:
        lines = [f"Python {platform.python_version()}", *installed()]
    return "\n".join([f"gcm-collect, version {__version__}", *lines])
