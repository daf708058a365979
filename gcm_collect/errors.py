"""The one exception type that reaches the user as a single clear line."""

from __future__ import annotations

from os import PathLike


class UserError(Exception):
    """A problem the user can fix (bad file, bad value): shown without a traceback.

    ``path`` names the file concerned; the message then reads ``path: problem``.
    """

    def __init__(self, message: str, path: str | PathLike[str] | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class StorageUnavailable(UserError):
    """The database could not be written for a reason outside the app (a full disk, a read-only
    file, another program holding it): nothing was changed, and the same write may succeed
    later, so what was refused is kept and tried again."""


class AnswerConflict(UserError):
    """An answer was changed elsewhere (an import, another program on the same database) since
    the writer read it: the write is refused so neither change is lost silently. ``saved`` is
    the value now stored (None: cleared)."""

    def __init__(self, path: str, saved: object) -> None:
        from gcm_collect.i18n import _

        super().__init__(_("this answer was changed elsewhere since it was opened; not saved"))
        self.answer_path = path
        self.saved = saved


def describe_internal_error(error: Exception) -> str:
    """The one line shown for a bug (an error that is not the user's), without a traceback."""
    from gcm_collect.i18n import _

    return _("internal error: {error} (run with --debug for details)").format(error=error)
