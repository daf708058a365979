"""Writing a document to the file the user named: Word or PDF by its suffix, whole or not at
all (a temporary file beside it, renamed when complete)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gcm_collect.documents.model import Document
from gcm_collect.errors import UserError
from gcm_collect.files import check_portable_name, discard, replace
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


def readable(scratch: Path) -> None:
    """Give the file written beside its target the mode any file the user writes has
    (mkstemp makes it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(scratch, 0o666 & ~umask)


def write_document(document: Document, target: Path) -> Path:
    check_target(target)
    if target.suffix.lower() == ".pdf":
        from gcm_collect.documents.pdf import write_pdf as write
    else:
        from gcm_collect.documents.docx import write_docx as write
    handle, name = tempfile.mkstemp(prefix=".gcm-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    scratch = Path(name)
    try:
        write(document, scratch)
        readable(scratch)
        replace(scratch, target)
    except OSError as exc:
        raise UserError(
            _("could not be written: {reason}").format(reason=exc.strerror), target
        ) from exc
    finally:
        discard(scratch)  # never hiding the error that brought us here
    return target
