"""Each attack of issue 20, tried as an attacker would with real workbooks and the app's own
code: each is refused or marked, and the victim's submission comes out unchanged."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest
from datasets import open_store, record
from forge import forge_forms, forge_meta, forge_records

from gcm_collect.consolidate import ConsolidationFailed, consolidate
from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.keys import KeyCard, write_card
from gcm_collect.limits import MAX_REVISION
from gcm_collect.ops.keys import (
    consolidation_keys,
    key_card,
    remember_first_signers,
    signing_key,
    trust_card,
)
from gcm_collect.store import Store
from gcm_collect.workbook import read_export

VICTIM = record(1, state="FRA", status="finalized")


def laptop(folder: Path, name: str, records: list[dict], officer: str) -> tuple[Path, KeyCard]:
    """An officer's installation: its records exported (signed), and its key card."""
    store = open_store(folder, f"{name}.sqlite")
    store.set_setting("officer", officer)
    with store.atomic():
        for data in records:
            store.put_submission(data, who=officer)
    path = folder / f"{name}.xlsx"
    export_workbook(store, path, lang="en")
    card = key_card(store)
    store.close()
    return path, card


@pytest.fixture()
def reviewer(tmp_path):
    with Store.open(tmp_path / "reviewer.sqlite3") as store:
        yield store


def trust(reviewer: Store, card: KeyCard, folder: Path, *states: str) -> None:
    path = write_card(card, folder / f"{card.fingerprint[:4]}.json")
    trust_card(reviewer, path, states)


def run(reviewer: Store, inputs: list[Path], out: Path, **options):
    """A consolidation as the command line runs it with the reviewer's database."""
    report = consolidate(inputs, out, **consolidation_keys(reviewer), **options)
    remember_first_signers(reviewer, report.bindings)
    return report


def rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


def shown(path: Path) -> dict[str, dict]:
    return {r.uuid: dict(r.data) for r in read_export(path).records}


def forged(revision: int, **changes) -> dict:
    data = copy.deepcopy(VICTIM)
    data["revision"] = revision
    data["answers"]["focal_point_name"] = "Mallory"
    data.update(changes)
    return data


def test_a_higher_revision_signed_by_another_trusted_key_is_refused(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    attack, a_card = laptop(tmp_path, "attack", [forged(2)], "Mallory")
    trust(reviewer, v_card, tmp_path, "FRA")
    trust(reviewer, a_card, tmp_path, "FRA")  # even a colleague of the same State
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [attack, victim], out)
    assert shown(out)[VICTIM["uuid"]]["answers"] == VICTIM["answers"]
    assert shown(out)[VICTIM["uuid"]]["revision"] == 1
    assert report.refused == 1
    line = next(p for p in report.problems if VICTIM["uuid"] in p)
    assert line.startswith("attack.xlsx: ") and "signed by another key" in line
    assert v_card.fingerprint in line
    listed = [r for r in rows(out, "Sources") if len(r) > 5 and r[2] == VICTIM["uuid"]]
    assert listed and listed[0][4] == a_card.fingerprint and listed[0][5] == v_card.fingerprint
    with pytest.raises(ConsolidationFailed):
        run(reviewer, [attack, victim], tmp_path / "strict.xlsx", strict=True)
    assert not (tmp_path / "strict.xlsx").exists()


def test_a_later_run_keeps_a_submission_bound_to_its_first_key(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    attack, a_card = laptop(tmp_path, "attack", [forged(2)], "Mallory")
    trust(reviewer, v_card, tmp_path, "FRA")
    trust(reviewer, a_card, tmp_path, "FRA")
    run(reviewer, [victim], tmp_path / "first.xlsx")
    assert reviewer.submission_keys() == {VICTIM["uuid"]: v_card.fingerprint}
    # next cycle, the victim's workbook is not among the inputs: the forgery is still refused
    report = run(reviewer, [attack], tmp_path / "second.xlsx")
    assert VICTIM["uuid"] not in shown(tmp_path / "second.xlsx") and report.refused == 1
    assert reviewer.submission_keys() == {VICTIM["uuid"]: v_card.fingerprint}


def test_a_forged_higher_revision_in_the_victims_own_workbook_is_marked(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    trust(reviewer, v_card, tmp_path, "FRA")
    copy_ = tmp_path / "copy.xlsx"

    def change(data, _provenance):
        data["revision"] = 2
        data["answers"]["focal_point_name"] = "Mallory"

    forge_records(victim, change, copy_)  # checksums and fingerprint remade: signature breaks
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [victim, copy_], out)
    assert shown(out)[VICTIM["uuid"]]["answers"] == VICTIM["answers"]
    assert any("copy.xlsx: " in p and "signature invalid" in p for p in report.problems)
    sources = {r[0]: r for r in rows(out, "Sources")[2:] if len(r) == 16}
    assert sources["copy.xlsx"][-2] == "signature invalid"
    assert sources["victim.xlsx"][-2].startswith("signed by a trusted key (Amina, FRA)")
    # later, alone: the submission stays bound to the victim's key, the forgery is refused
    report = run(reviewer, [copy_], tmp_path / "alone.xlsx")
    assert report.refused == 1 and VICTIM["uuid"] not in shown(tmp_path / "alone.xlsx")
    # a forged workbook of a submission never seen is consolidated, every row of it marked
    other, _card = laptop(tmp_path, "other", [record(5, state="FRA")], "Hans")
    forge_records(other, lambda data, _p: data["answers"].update(focal_point_name="Eve"))
    run(reviewer, [other], tmp_path / "other-r.xlsx")
    provenance = rows(tmp_path / "other-r.xlsx", "Provenance")
    assert provenance[0][-1] == "Not trusted" and provenance[2][-1] == "signature invalid"
    with pytest.raises(ConsolidationFailed, match="signature invalid"):
        run(reviewer, [other], tmp_path / "strict.xlsx", strict=True)


def test_revises_from_a_key_of_another_state_deletes_nothing(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    foreign = record(7, state="DEU", revision=2, revises=VICTIM["uuid"])
    attack, a_card = laptop(tmp_path, "attack", [foreign], "Mallory")
    trust(reviewer, v_card, tmp_path, "FRA")
    trust(reviewer, a_card, tmp_path, "DEU")
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [victim, attack], out)
    assert shown(out)[VICTIM["uuid"]] == shown(victim)[VICTIM["uuid"]]
    assert report.superseded == 0
    # an unknown key of the victim's own State cannot either
    same_state = record(8, state="FRA", revision=2, revises=VICTIM["uuid"])
    stranger, _card = laptop(tmp_path, "stranger", [same_state], "Eve")
    report = run(reviewer, [victim, stranger], tmp_path / "r2.xlsx")
    assert VICTIM["uuid"] in shown(tmp_path / "r2.xlsx") and report.superseded == 0
    assert any(p.endswith("stranger.xlsx: signed by an unknown key (Eve)") for p in report.problems)


def test_a_superseded_list_from_an_untrusted_workbook_deletes_nothing(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    trust(reviewer, v_card, tmp_path, "FRA")
    # the attacker consolidates on their own laptop: their key signs a valid regional workbook
    # that lists the victim as superseded
    revising = record(9, state="FRA", revision=2, revises=VICTIM["uuid"])
    own, _card = laptop(tmp_path, "own", [revising], "Mallory")
    with Store.open(tmp_path / "mallory.sqlite3") as mallory:
        regional = tmp_path / "mallory-region.xlsx"
        consolidate([own], regional, signing_key=signing_key(mallory))
    assert VICTIM["uuid"] in read_export(regional).meta.filters["superseded"]
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [victim, regional], out)
    assert shown(out)[VICTIM["uuid"]] == shown(victim)[VICTIM["uuid"]]
    assert report.superseded == 0
    # and a list edited into a genuine workbook breaks its signature: ignored too
    forge_meta(victim, lambda v: None)  # (unchanged: still valid)
    listed = tmp_path / "listed.xlsx"
    listed.write_bytes(victim.read_bytes())
    forge_meta(listed, lambda v: v["filters"].update(superseded=[VICTIM["uuid"]]))
    report = run(reviewer, [victim, listed], tmp_path / "r3.xlsx")
    assert VICTIM["uuid"] in shown(tmp_path / "r3.xlsx") and report.superseded == 0


def test_a_huge_revision_jump_is_refused(tmp_path, reviewer):
    first, card = laptop(tmp_path, "first", [VICTIM], "Amina")
    huge = copy.deepcopy(VICTIM)
    huge["revision"] = MAX_REVISION
    later, _same = laptop(tmp_path, "later", [huge], "Amina")  # another laptop, another key
    trust(reviewer, card, tmp_path, "FRA")
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [first, later], out)
    assert shown(out)[VICTIM["uuid"]]["revision"] == 1 and report.refused == 1


def test_the_same_key_jumping_more_than_1000_revisions_is_refused(tmp_path, reviewer):
    store = open_store(tmp_path, "one.sqlite")
    with store.atomic():
        store.put_submission(VICTIM, who="t")
    export_workbook(store, tmp_path / "a.xlsx", lang="en")
    jump = copy.deepcopy(VICTIM)
    jump["revision"] = 1002
    jump["updated_at"] = "2026-01-01T00:00:00.000Z"
    with store.atomic():
        store.put_submission(jump, who="t")
    export_workbook(store, tmp_path / "b.xlsx", lang="en")
    trust(reviewer, key_card(store), tmp_path, "FRA")
    store.close()
    report = run(reviewer, [tmp_path / "a.xlsx", tmp_path / "b.xlsx"], tmp_path / "r.xlsx")
    assert shown(tmp_path / "r.xlsx")[VICTIM["uuid"]]["revision"] == 1
    assert any("jumps more than 1000" in p for p in report.problems)


def test_an_edited_form_id_is_one_rejected_input(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    other, o_card = laptop(tmp_path, "other", [record(2, state="DEU")], "Hans")
    trust(reviewer, v_card, tmp_path, "FRA")
    trust(reviewer, o_card, tmp_path, "DEU")

    def rename(cells):
        if cells[0] not in (None, "form_id"):
            cells[0] = "forged_form"

    forge_forms(other, rename)
    report = run(reviewer, [victim, other], tmp_path / "r.xlsx")
    assert [s.outcome for s in report.inputs] == ["verified", "rejected"]
    assert "fingerprint" in report.inputs[1].problem
    assert shown(tmp_path / "r.xlsx")[VICTIM["uuid"]] == shown(victim)[VICTIM["uuid"]]


def test_a_key_registered_for_another_state_is_marked_and_supersedes_nothing(tmp_path, reviewer):
    victim, v_card = laptop(tmp_path, "victim", [VICTIM], "Amina")
    revising = record(9, state="FRA", revision=2, revises=VICTIM["uuid"])
    other, o_card = laptop(tmp_path, "other", [revising], "Hans")
    trust(reviewer, v_card, tmp_path, "FRA")
    trust(reviewer, o_card, tmp_path, "DEU")  # Hans signs for Germany only
    out = tmp_path / "r.xlsx"
    report = run(reviewer, [victim, other], out)
    assert VICTIM["uuid"] in shown(out) and report.superseded == 0
    assert any(
        p.startswith("other.xlsx: the key is not registered for FRA") for p in report.problems
    )
    marks = {r[1]: (r[10] if len(r) > 10 else None) for r in rows(out, "Provenance")[2:]}
    assert marks == {revising["uuid"]: "the key is not registered for FRA", VICTIM["uuid"]: None}
    with pytest.raises(ConsolidationFailed):
        run(reviewer, [victim, other], tmp_path / "s.xlsx", strict=True)


def test_a_trusted_reopened_revision_still_replaces_the_old_one(tmp_path, reviewer):
    store = open_store(tmp_path, "officer.sqlite")
    with store.atomic():
        store.put_submission(VICTIM, who="t")
    export_workbook(store, tmp_path / "before.xlsx", lang="en")
    new = store.new_revision(VICTIM["uuid"], who="t")
    store.set_status(new, "finalized", who="t")
    export_workbook(store, tmp_path / "after.xlsx", lang="en")
    trust(reviewer, key_card(store), tmp_path, "FRA")
    store.close()
    report = run(reviewer, [tmp_path / "before.xlsx", tmp_path / "after.xlsx"], tmp_path / "r.xlsx")
    assert list(shown(tmp_path / "r.xlsx")) == [new] and report.superseded == 1
    assert report.problems == ()
    # the regional workbook, signed by the reviewer, is itself a trusted input
    again = run(reviewer, [tmp_path / "r.xlsx", tmp_path / "before.xlsx"], tmp_path / "r2.xlsx")
    assert list(shown(tmp_path / "r2.xlsx")) == [new] and again.problems == ()
    provenance = shown(tmp_path / "r2.xlsx")
    assert (
        read_export(tmp_path / "r2.xlsx").records[0].provenance["signed_by"]
        == key_card(Store.open(tmp_path / "officer.sqlite")).fingerprint
    )
    assert provenance


def test_reopening_the_highest_revision_is_refused_and_stays_whole(tmp_path):
    store = open_store(tmp_path)
    top = record(3, status="finalized", revision=MAX_REVISION)
    with store.atomic():
        store.put_submission(top, who="t")
    with pytest.raises(UserError, match="highest revision"):
        store.new_revision(top["uuid"], who="t")
    assert type(store.get_record(top["uuid"])["revision"]) is int
    export_workbook(store, tmp_path / "out.xlsx", lang="en")
    assert read_export(tmp_path / "out.xlsx").records[0].revision == MAX_REVISION
    beyond = record(4, status="finalized", revision=2**63 - 1)
    with pytest.raises(UserError, match="revision must be a whole number"):
        store.put_submission(beyond, who="t")
    store.close()
