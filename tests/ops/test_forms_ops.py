"""The built-in form in the database: stored once, refreshed when only its texts improved."""

from __future__ import annotations

import dataclasses

import pytest

from gcm_collect.errors import UserError
from gcm_collect.forms import Text
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.ops.forms import ensure_builtin, form_for
from gcm_collect.store import Store


def test_builtin_is_stored_once_and_found_again():
    with Store.open(":memory:") as store:
        form = ensure_builtin(store)
        ensure_builtin(store)
        (record,) = store.list_forms()
        assert record.content_hash == form.content_hash
        assert form_for(store, form.form_id, form.version) is form
        with pytest.raises(UserError, match="not in this database"):
            form_for(store, "other_form", "1")


def test_older_translations_of_the_builtin_are_replaced():
    form = builtin_form()
    older = dataclasses.replace(form, title=Text({"en": "Old title"}, "en"), content_hash="")
    assert older.content_hash not in ("", form.content_hash)
    with Store.open(":memory:") as store:
        store.save_form(form.form_id, form.version, older.content_hash, "Old", older.to_json())
        ensure_builtin(store)
        (record,) = store.list_forms()
        assert record.content_hash == form.content_hash


def test_template_over_a_folder_is_a_user_error(tmp_path):
    from gcm_collect.ops.forms import write_template

    (tmp_path / "taken.xlsx").mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(UserError, match="cannot write the workbook") as info:
        write_template(tmp_path / "taken.xlsx")
    assert info.value.path == str(tmp_path / "taken.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["taken.xlsx"]  # no temporary file left
