"""Writing a document to the file the user named: Word or PDF by its suffix, whole or not at
all (a temporary file beside it, renamed when complete)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gcm_collect.documents.model import Document
from gcm_collect.errors import UserError
from gcm_collect.files import check_portable_name, write_beside
from gcm_collect.i18n import _

SUFFIXES = (".docx", ".pdf")


def check_target(target: Path, suffixes: tuple[str, ...] = SUFFIXES) -> None:
    if target.suffix.lower() not in suffixes:
        raise UserError(
            _("name the file with one of {suffixes}").format(suffixes=", ".join(suffixes)),
            target,
        )
    if not target.parent.is_dir():
        raise UserError(_("the folder does not exist"), target)
    check_portable_name(target)


def write_document(document: Document, target: Path) -> Path:
    check_target(target)
    if target.suffix.lower() == ".pdf":
        from gcm_collect.documents.pdf import write_pdf as write
    else:
        from gcm_collect.documents.docx import write_docx as write
    written(target, lambda scratch: write(document, scratch))
    return target


def written(target: Path, write: Callable[[Path], None]) -> None:
    """``files.write_beside``, its OSError told as one line naming ``target``."""
    try:
        write_beside(target, write)
    except OSError as exc:
        raise UserError(
            _("could not be written: {reason}").format(reason=exc.strerror), target
        ) from exc
