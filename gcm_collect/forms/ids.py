"""What a form id and a version may be: plain names, never code, a path or a control character.

They travel everywhere: file names suggested for exports, cells of the workbooks' hidden forms
sheet, the terminal, the app's lists. ``=HYPERLINK(...)`` or ``../x`` as a form id once reached
the export as a live formula.
"""

from __future__ import annotations

import re

MAX_LENGTH = 100
# Letters and digits of any script, then also '_', '.' and '-'; nothing else.
_ID = re.compile(rf"\w[\w.-]{{0,{MAX_LENGTH - 1}}}")


def valid_form_id(value: str) -> bool:
    return bool(_ID.fullmatch(value)) and ".." not in value


def valid_version(value: str) -> bool:
    """A version may be empty (forms without one); otherwise the same rule as form ids."""
    return value == "" or valid_form_id(value)
