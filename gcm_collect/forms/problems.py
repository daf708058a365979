"""Problems found in a form definition, pointing at sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass

from gcm_collect.errors import UserError
from gcm_collect.i18n import _, ngettext

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str
    severity: str = ERROR
    source: str = ""
    # the question left out by --skip-unsupported that this warning is about, else ""
    left_out: str = ""

    def where(self) -> str:
        """``survey row 14, column relevant`` (as much of it as is known)."""
        if self.row is not None and self.column is not None:
            return _("{sheet} row {row}, column {column}").format(
                sheet=self.sheet, row=self.row, column=self.column
            )
        if self.row is not None:
            return _("{sheet} row {row}").format(sheet=self.sheet, row=self.row)
        if self.column is not None:
            return _("{sheet}, column {column}").format(sheet=self.sheet, column=self.column)
        return self.sheet

    def located(self) -> str:
        """``survey row 14, column relevant: message``; just the message for the whole file."""
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def report(self) -> str:
        """The line ``form check`` prints: ``FILE: survey row 14, column relevant: error: ...``."""
        kind = _("error") if self.severity == ERROR else _("warning")
        where = self.where()
        # translatable: French puts a no-break space before each colon
        text = (
            _("{where}: {kind}: {message}").format(where=where, kind=kind, message=self.message)
            if where
            else _("{kind}: {message}").format(kind=kind, message=self.message)
        )
        return f"{self.source}: {text}" if self.source else text

    def __str__(self) -> str:
        text = self.located()
        return f"{self.source}: {text}" if self.source else text


class FormError(UserError):
    """A form with errors; ``problems`` holds all of them (warnings included)."""

    def __init__(self, problems: list[Problem], source: str):
        errors = [p for p in problems if p.severity == ERROR]
        first = errors[0]
        message = first.located()
        if len(errors) > 1:
            more = len(errors) - 1
            message += " " + ngettext("(and {n} more error)", "(and {n} more errors)", more).format(
                n=more
            )
        super().__init__(message, source or None)
        self.problems = problems


def summary(problems: list[Problem]) -> str:
    """``2 errors, 1 warning``: the last line of ``form check``."""
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    return ", ".join(
        (
            ngettext("{n} error", "{n} errors", errors).format(n=errors),
            ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        )
    )
