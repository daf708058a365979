"""Form versions: stored once, never changed (but the built-in form's translations)."""

from __future__ import annotations

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.store.aggregates.base import StoreBase
from gcm_collect.store.records import (
    FormRecord,
)


class FormsPart(StoreBase):
    def save_form(
        self, form_id: str, version: str, content_hash: str, title: str, definition: str
    ) -> bool:
        """Store a form version; True if new, False if the identical form is already there.

        The same form id and version with different content is refused: a changed form needs
        a new version number, or submissions made with the old one would be misread.
        """
        with self.atomic():
            row = self._conn.execute(
                "SELECT content_hash FROM forms WHERE form_id = ? AND version = ?",
                (form_id, version),
            ).fetchone()
            if row is not None:
                if row[0] == content_hash:
                    return False
                raise UserError(
                    _(
                        "form {form_id} version {version} is already stored with different "
                        "content; give the changed form a new version number"
                    ).format(form_id=form_id, version=version)
                )
            self._conn.execute(
                "INSERT INTO forms (form_id, version, content_hash, title, definition, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                (form_id, version, content_hash, title, definition, self.now()),
            )
            return True

    def replace_form(
        self, form_id: str, version: str, content_hash: str, title: str, definition: str
    ) -> None:
        """Overwrite a stored form version (only for the app's own built-in form, whose
        translations may improve between releases without any change to its questions)."""
        with self.atomic():
            self._conn.execute(
                "DELETE FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
            )
            self._conn.execute(
                "INSERT INTO forms (form_id, version, content_hash, title, definition, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                (form_id, version, content_hash, title, definition, self.now()),
            )

    def get_form(self, form_id: str, version: str) -> FormRecord | None:
        with self._guard():
            row = self._conn.execute(
                "SELECT form_id, version, content_hash, title, definition, imported_at "
                "FROM forms WHERE form_id = ? AND version = ?",
                (form_id, version),
            ).fetchone()
        return None if row is None else FormRecord(*row)

    def list_forms(self) -> list[FormRecord]:
        with self._guard():
            rows = self._conn.execute(
                "SELECT form_id, version, content_hash, title, definition, imported_at "
                "FROM forms ORDER BY form_id, imported_at, version"
            ).fetchall()
        return [FormRecord(*row) for row in rows]
