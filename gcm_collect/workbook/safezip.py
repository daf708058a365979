"""Checks on a workbook's zip container before any XML in it is parsed (zip bombs, junk)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from gcm_collect.errors import UserError
from gcm_collect.i18n import _

MAX_MEMBERS = 10_000
MAX_TOTAL = 4 * 1024**3  # uncompressed bytes in all
MAX_RATIO = 200  # uncompressed / compressed, for members big enough to matter
RATIO_FLOOR = 1024**2  # members smaller than this may compress as well as they like


def check_zip(path: Path) -> None:
    """UserError naming ``path`` unless it is a plausible, bounded xlsx container."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(_("not an Excel workbook (.xlsx)"), path) from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UserError(_("not an Excel workbook (.xlsx)"), path)
    if len(infos) > MAX_MEMBERS:
        raise UserError(_("the workbook has too many parts to be safe to open"), path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(
                _("the workbook part {part} is compressed suspiciously well (a zip bomb?)").format(
                    part=info.filename
                ),
                path,
            )
    if total > MAX_TOTAL:
        raise UserError(_("the workbook is too large to open safely"), path)
