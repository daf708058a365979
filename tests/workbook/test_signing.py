"""Signed workbooks: every export names its signer, and no change of what is data goes
unnoticed, even when the checksums and the fingerprint are remade to agree."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import fill, open_store
from forge import forge_forms, forge_meta, forge_records

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.ops.keys import key_card
from gcm_collect.workbook import read_export
from gcm_collect.workbook.signing import INVALID, SIGNED, UNSIGNED


@pytest.fixture()
def export(tmp_path):
    store = open_store(tmp_path)
    store.set_setting("officer", "Amina Diallo")
    fill(store, 3)
    card = key_card(store)
    summary = export_workbook(store, tmp_path / "out.xlsx", lang="en")
    store.close()
    return summary.path, card


def test_an_export_is_signed_by_the_installation_key(export):
    path, card = export
    wb = read_export(path)
    assert wb.meta.format_version == 3
    assert wb.signature.status == SIGNED
    assert wb.signature.signer.public_key == card.public_key
    assert wb.signature.signer.officer == "Amina Diallo"
    assert wb.signature.signer.states == card.states
    # and a person reading the cover sees which key signed it
    cover = openpyxl.load_workbook(path)["About"]
    assert card.fingerprint in [c.value for row in cover.iter_rows() for c in row]


def test_changed_answers_with_remade_fingerprint_break_the_signature(export):
    path, _card = export
    before = {r.uuid: r.data for r in read_export(path).records}

    def change(data, _provenance):
        data["answers"]["focal_point_name"] = "Somebody Else"

    forge_records(path, change)
    wb = read_export(path)  # checksums and fingerprint agree again ...
    assert wb.signature.status == INVALID  # ... but not the signature
    assert {r.uuid for r in wb.records} == set(before)


def test_a_higher_revision_with_remade_fingerprint_breaks_the_signature(export):
    path, _card = export

    def change(data, _provenance):
        data["revision"] = data["revision"] + 1

    forge_records(path, change)
    assert read_export(path).signature.status == INVALID


def test_an_edited_form_id_is_detected(export):
    path, _card = export

    def rename(cells):
        if cells[0] not in (None, "form_id"):
            cells[1] = cells[1] + "-forged"

    forge_forms(path, rename)
    with pytest.raises(UserError, match="fingerprint"):
        read_export(path)  # format 2: the fingerprint covers ids and versions


def test_a_signer_claiming_another_name_is_invalid(export):
    path, _card = export

    def rename(values):
        values["signature"]["signer"]["officer"] = "The Minister"

    forge_meta(path, rename, fingerprint=False)
    wb = read_export(path)
    assert wb.signature.status == INVALID


def test_a_workbook_of_format_1_reads_as_unsigned(export):
    path, _card = export

    def version_1(values):
        values["format_version"] = 1
        del values["signature"]

    forge_meta(path, version_1)
    wb = read_export(path)
    assert wb.meta.format_version == 1 and wb.signature.status == UNSIGNED
    assert len(wb.records) == 3


def test_signature_removed_is_unsigned(export):
    path, _card = export
    forge_meta(path, lambda values: values.pop("signature"), fingerprint=False)
    assert read_export(path).signature.status == UNSIGNED


@pytest.mark.slow
def test_a_libreoffice_resave_still_verifies(export, tmp_path, libreoffice):
    path, card = export
    resaved = libreoffice(path, "xlsx", tmp_path / "lo")
    assert resaved.read_bytes() != path.read_bytes()
    wb = read_export(resaved)
    assert wb.signature.status == SIGNED and wb.signature.signer.public_key == card.public_key
    assert wb.fingerprint == read_export(path).fingerprint
