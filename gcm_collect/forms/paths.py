"""Answer paths (docs/architecture.md): ``name``, ``rep[iid]/name``, ``rep[u1]/sub[u2]/name``."""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"([^\[\]/]+)\[([^\[\]/]+)\]\Z")


def make_path(name: str, instances: tuple[tuple[str, str], ...] = ()) -> str:
    """Path of ``name`` inside the given (repeat name, instance id) chain, outermost first."""
    return "".join(f"{rep}[{iid}]/" for rep, iid in instances) + name


def parse_path(path: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Inverse of ``make_path``; raises ValueError for text that is not a path."""
    parts = path.split("/")
    chain = []
    for seg in parts[:-1]:
        m = _SEGMENT.match(seg)
        if not m:
            raise ValueError(f"not an answer path: {path!r}")
        chain.append((m[1], m[2]))
    if not parts[-1] or "[" in parts[-1] or "]" in parts[-1]:
        raise ValueError(f"not an answer path: {path!r}")
    return parts[-1], tuple(chain)
