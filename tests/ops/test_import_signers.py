"""The officer's import says who signed each workbook, as the reviewer's register judges it."""

from __future__ import annotations

import pytest

from gcm_collect.cli import main
from gcm_collect.demo import generate
from gcm_collect.keys import write_card
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.keys import key_card, trust_card
from gcm_collect.ops.submissions import OfficerProfile, set_profile
from gcm_collect.ops.workbooks import export
from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # writes and reads real workbooks


@pytest.fixture
def signed(tmp_path):
    """A workbook exported by Amina's laptop, and her key card."""
    with Store.open(tmp_path / "amina.sqlite3") as store:
        set_profile(store, OfficerProfile(name="Amina Diallo"))
        generate(store, 4, seed=7)
        export(store, tmp_path / "amina.xlsx", lang="en", statuses=["draft", "complete"])
        card = key_card(store)
    write_card(card, tmp_path / "amina-card.json")
    return tmp_path / "amina.xlsx", tmp_path / "amina-card.json", card.fingerprint


def test_import_names_the_signer_unknown_then_trusted(tmp_path, signed):
    workbook, card, fingerprint = signed
    with Store.open(tmp_path / "reviewer.sqlite3") as store:
        first = import_files(store, [workbook]).signers[str(workbook)]
        assert first == f"signed by an unknown key (Amina Diallo); key {fingerprint}"
        trusted, _new = trust_card(store, card, ["SEN"])
        second = import_files(store, [workbook]).signers[str(workbook)]
    assert second == f"signed by a trusted key (Amina Diallo, SEN); key {fingerprint}"


def test_the_command_line_prints_it(tmp_path, signed, capsys):
    workbook, _card, fingerprint = signed
    main(["--db", str(tmp_path / "reviewer.sqlite3"), "--lang", "en", "import", str(workbook)])
    lines = capsys.readouterr().out.splitlines()
    assert f"{workbook}: signed by an unknown key (Amina Diallo); key {fingerprint}" in lines
