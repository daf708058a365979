"""Answer paths and repeat paths (docs/architecture.md, "Answers and paths").

``focal_point_name``, ``practices[<u1>]/title``, ``practices[<u1>]/partners[<u2>]/partner_name``;
repeat paths are ``practices`` or ``practices[<u1>]/partners``.
"""

from __future__ import annotations

import re

_NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
_NAME_RE = re.compile(_NAME)
_INSTANCE_RE = re.compile(rf"({_NAME})\[([^\[\]/]+)\]")

InstanceRef = tuple[str, str]  # (repeat_path, instance_uuid)


def _split(path: str, what: str) -> tuple[list[InstanceRef], str]:
    if not isinstance(path, str) or not path:
        raise ValueError(f"empty or non-text {what}: {path!r}")
    *parents, last = path.split("/")
    refs: list[InstanceRef] = []
    prefix = ""
    for segment in parents:
        match = _INSTANCE_RE.fullmatch(segment)
        if match is None:
            raise ValueError(f"malformed {what}: {path!r}")
        repeat_path = prefix + match.group(1)
        refs.append((repeat_path, match.group(2)))
        prefix = f"{repeat_path}[{match.group(2)}]/"
    if _NAME_RE.fullmatch(last) is None:
        raise ValueError(f"malformed {what}: {path!r}")
    return refs, last


def answer_refs(path: str) -> list[InstanceRef]:
    """The repeat instances an answer path lies in, outermost first; ValueError if malformed."""
    return _split(path, "answer path")[0]


def repeat_refs(repeat_path: str) -> list[InstanceRef]:
    """The enclosing instances of a repeat path, outermost first; ValueError if malformed."""
    return _split(repeat_path, "repeat path")[0]


def instance_path(repeat_path: str, instance_uuid: str) -> str:
    return f"{repeat_path}[{instance_uuid}]"


def prefix_range(repeat_path: str, instance_uuid: str) -> tuple[str, str]:
    """Bounds ``lo <= p < hi`` matching exactly the paths inside one instance.

    Paths inside start with ``repeat[uuid]/``; replacing the final ``/`` by the next character
    (``0``) gives a tight upper bound, so the primary-key index serves the range without LIKE
    (whose ``_`` wildcard would also match other names).
    """
    lo = instance_path(repeat_path, instance_uuid) + "/"
    return lo, lo[:-1] + "0"
