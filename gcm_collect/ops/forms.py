"""Form actions: find the form a submission was made with, check, import, write the template."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gcm_collect.errors import UserError
from gcm_collect.forms import Form, FormProblem, check_xlsform, load_xlsform, write_xlsform
from gcm_collect.forms.builtin import PREVIOUS_VERSIONS, builtin_form
from gcm_collect.forms.model import same_questions
from gcm_collect.i18n import _
from gcm_collect.ops.changes import FORM_IMPORTED, Changed
from gcm_collect.store import Store


def who(store: Store) -> str:
    """The name written into the audit log: the officer profile, else the system user."""
    officer = store.get_setting("officer")
    if isinstance(officer, dict):
        officer = officer.get("name")
    return officer or getpass.getuser()


def ensure_builtin(store: Store) -> Form:
    """Keep the built-in survey's definition in the database, so exports can carry it.

    A newer app may ship better translations of the same survey version: its definition then
    replaces the stored one (the questions are the same, only texts differ).
    """
    form = builtin_form()
    stored = store.get_form(form.form_id, form.version)
    if stored is None or stored.content_hash != form.content_hash:
        if stored is not None and not same_questions(Form.from_json(stored.definition), form):
            raise UserError(
                _(
                    "the database holds a different built-in form {form_id} {version}; "
                    "it was not changed"
                ).format(form_id=form.form_id, version=form.version),
                store.path,
            )
        save = store.save_form if stored is None else store.replace_form
        save(form.form_id, form.version, form.content_hash, form.label("en")[0], form.to_json())
    return form


def ensure_previous_builtin(store: Store, version: str) -> Form:
    """An earlier built-in version's definition, stored if this database never had it.

    A stored definition is kept as it is (it is what earlier exports of this database
    carried); only a missing one is written, from the sheets this app keeps for that version.
    """
    record = store.get_form(builtin_form().form_id, version)
    if record is not None:
        return _parse(record.definition)
    form = builtin_form(version)
    store.save_form(
        form.form_id, form.version, form.content_hash, form.label("en")[0], form.to_json()
    )
    return form


@lru_cache(maxsize=32)
def _parse(definition: str) -> Form:
    return Form.from_json(definition)


def form_for(store: Store, form_id: str, version: str) -> Form:
    """The form a submission names: the built-in one (any version this app keeps), or one
    imported into this database."""
    builtin = builtin_form()
    if (form_id, version) == (builtin.form_id, builtin.version):
        return builtin
    if form_id == builtin.form_id and version in PREVIOUS_VERSIONS:
        return ensure_previous_builtin(store, version)
    record = store.get_form(form_id, version)
    if record is None:
        raise UserError(
            _("form {form_id} version {version} is not in this database; import it first").format(
                form_id=form_id, version=version
            )
        )
    return _parse(record.definition)


def latest_version(store: Store, form_id: str) -> str:
    """The version of ``form_id`` imported last (the built-in form: this app's version)."""
    builtin = builtin_form()
    if form_id == builtin.form_id:
        return builtin.version
    versions = [r.version for r in store.list_forms() if r.form_id == form_id]
    if not versions:
        raise UserError(
            _("form {form_id} is not in this database; import it first").format(form_id=form_id)
        )
    return versions[-1]  # list_forms orders each form's versions by import time


def check_form(path: Path, skip_unsupported: bool = False) -> list[FormProblem]:
    """Every problem of an XLSForm workbook, errors and warnings."""
    return check_xlsform(path, skip_unsupported)


@dataclass(frozen=True)
class FormImported:
    form_id: str
    version: str
    new: bool  # False when the identical form was already there
    warnings: tuple[str, ...] = ()  # "survey row 14, column hint: ...", as form check says
    skipped: tuple[str, ...] = ()  # questions left out by --skip-unsupported

    @property
    def changed(self) -> Changed:
        return Changed(FORM_IMPORTED, forms=self.new)


def import_form(store: Store, path: Path, skip_unsupported: bool = False) -> FormImported:
    """Store the form of an XLSForm workbook; ``skip_unsupported`` leaves out the questions of
    refused types nothing refers to (``FormImported.skipped`` names them)."""
    form, warnings = load_xlsform(path, skip_unsupported)
    try:
        new = store.save_form(
            form.form_id,
            form.version,
            form.content_hash,
            form.label(form.default_language)[0],
            form.to_json(),
        )
    except UserError as error:
        raise UserError(error.message, path) from None
    notes = tuple(w.located() for w in warnings)
    skipped = tuple(w.left_out for w in warnings if w.left_out)
    return FormImported(form.form_id, form.version, new, notes, skipped)


def write_template(out: Path) -> Form:
    """The built-in survey as an XLSForm workbook a form author can edit."""
    form = builtin_form()
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("the folder does not exist"), folder)
    try:
        write_xlsform(form, out)
    except OSError as exc:  # read-only folder, full disk, a folder named like the file
        raise UserError(
            _("cannot write the workbook: {problem}").format(problem=exc.strerror or exc), out
        ) from exc
    return form
