"""The merge as a join-semilattice: properties on generated record sets, and its rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm_collect.consolidate.merge import Candidate, Merger, join, record_set

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

UUIDS = ["u1", "u2", "u3", "u4"]

candidates = st.builds(
    Candidate,
    uuid=st.sampled_from(UUIDS),
    revision=st.integers(1, 3),
    checksum=st.sampled_from(["c1", "c2", "c3"]),
    provenance=st.fixed_dictionaries({"officer": st.sampled_from(["a", "b"])}),
    revises=st.sampled_from([None, None, None, *UUIDS]),
    sources=st.frozensets(st.sampled_from(["x.xlsx", "y.xlsx"]), min_size=1, max_size=2),
)
sets = st.builds(
    record_set,
    st.lists(candidates, max_size=8),
    st.frozensets(st.sampled_from(UUIDS), max_size=1),
)


@settings(max_examples=300)
@given(sets, sets)
def test_join_is_commutative(a, b):
    assert join(a, b).signature() == join(b, a).signature()


@settings(max_examples=300)
@given(sets, sets, sets)
def test_join_is_associative(a, b, c):
    assert join(join(a, b), c).signature() == join(a, join(b, c)).signature()
    assert join(join(a, b), c).signature() == join(a, b, c).signature()


@settings(max_examples=200)
@given(sets)
def test_join_is_idempotent(a):
    assert join(a, a).signature() == a.signature()
    assert join(a).signature() == a.signature()


@settings(max_examples=200)
@given(st.lists(candidates, max_size=8))
def test_a_set_is_the_join_of_its_singletons(items):
    whole = record_set(items)
    assert join(*(record_set([c]) for c in items)).signature() == whole.signature()


def cand(uuid="u1", revision=1, checksum="c1", officer="a", revises=None, source="x"):
    return Candidate(
        uuid, revision, checksum, {"officer": officer}, revises, "FRA", None, frozenset({source})
    )


def test_newest_revision_wins():
    merged = record_set([cand(revision=1, checksum="old"), cand(revision=2, checksum="new")])
    assert [c.checksum for c in merged.clean()] == ["new"]
    assert not merged.conflicts()


def test_same_revision_other_content_is_a_conflict_listing_both():
    merged = record_set([cand(checksum="c1", source="x"), cand(checksum="c2", source="y")])
    assert merged.clean() == []
    both = merged.conflicts()["u1"]
    assert [(c.checksum, set(c.sources)) for c in both] == [("c1", {"x"}), ("c2", {"y"})]
    # a newer revision resolves the conflict
    assert join(merged, record_set([cand(revision=2, checksum="c3")])).conflicts() == {}


def test_same_content_from_two_exports_is_one_record_with_both_sources():
    merged = record_set([cand(officer="b", source="y"), cand(officer="a", source="x")])
    (only,) = merged.clean()
    assert only.provenance == {"officer": "a"} and only.sources == {"x", "y"}


def test_revision_chain_drops_older_uuids_for_good():
    old, new = cand("u1", 1, "c1"), cand("u2", 2, "c2", revises="u1")
    merged = record_set([old, new])
    assert [c.uuid for c in merged.clean()] == ["u2"] and merged.superseded == {"u1"}
    # the superseded UUID cannot come back through a later join
    assert [c.uuid for c in join(merged, record_set([old])).clean()] == ["u2"]


# With signatures: each candidate names the key that first signed it, whether its input was
# trusted, and its key's States; claims come with their signer. What the regional workbook
# shows (entries, superseded, refused versions) must not depend on order or repetition.
KEYS = ["", "k1", "k2"]
signed = st.builds(
    Candidate,
    uuid=st.sampled_from(UUIDS),
    revision=st.sampled_from([1, 2, 3, 1500]),
    checksum=st.sampled_from(["c1", "c2"]),
    provenance=st.fixed_dictionaries({"officer": st.sampled_from(["a", "b"])}),
    revises=st.sampled_from([None, None, *UUIDS]),
    state=st.sampled_from(["FRA", "DEU"]),
    sources=st.frozensets(st.sampled_from(["x.xlsx", "y.xlsx"]), min_size=1, max_size=2),
    signer=st.sampled_from(KEYS),
    trusted=st.booleans(),
    states=st.sampled_from([None, frozenset({"FRA"}), frozenset({"DEU"})]),
)


def _signed_set(items, claims):
    merger = Merger()
    for uuid, signer, states in claims:
        merger.supersede([uuid], signer, states)
    for c in items:
        merger.add(c)
    return merger.result()


claims = st.lists(
    st.tuples(
        st.sampled_from(UUIDS),
        st.sampled_from(KEYS),
        st.sampled_from([None, frozenset({"FRA"})]),
    ),
    max_size=2,
)
signed_sets = st.builds(_signed_set, st.lists(signed, max_size=8), claims)


@settings(max_examples=300)
@given(signed_sets, signed_sets, signed_sets)
def test_laws_hold_with_signatures(a, b, c):
    assert join(a, b).view() == join(b, a).view()  # order-free
    assert join(join(a, b), c).view() == join(a, join(b, c)).view()  # associative
    assert join(a, a).view() == a.view() and join(a).view() == a.view()  # idempotent
    assert join(join(a, b), c).signature() == join(a, join(b, c)).signature()


@settings(max_examples=200)
@given(st.lists(signed, max_size=8), st.randoms(use_true_random=False))
def test_input_order_does_not_matter_with_signatures(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert record_set(items).view() == record_set(shuffled).view()


def test_a_later_revision_by_another_key_is_refused_not_shown():
    mine = Candidate("u1", 1, "c1", {}, state="FRA", signer="k1")
    theirs = Candidate("u1", 5, "c2", {}, state="FRA", signer="k2")
    merged = record_set([theirs, mine])
    assert [c.checksum for c in merged.clean()] == ["c1"]
    assert [(r.candidate.checksum, r.reason, r.owner) for r in merged.refused] == [
        ("c2", "signer", "k1")
    ]


def test_an_untrusted_revises_supersedes_nothing():
    victim = Candidate("u1", 1, "c1", {}, state="FRA", signer="k1")
    attacker = Candidate("u2", 2, "c2", {}, revises="u1", state="FRA", signer="k2", trusted=False)
    foreign = Candidate(
        "u3", 2, "c3", {}, revises="u1", state="DEU", signer="k3", states=frozenset({"DEU"})
    )
    merged = record_set([victim, attacker, foreign])
    assert {c.uuid for c in merged.clean()} == {"u1", "u2", "u3"} and not merged.superseded


@settings(max_examples=200)
@given(
    st.dictionaries(st.sampled_from(UUIDS), st.sampled_from(KEYS), max_size=3),
    st.lists(signed, max_size=6),
    st.lists(signed, max_size=6),
    st.lists(signed, max_size=6),
)
def test_laws_hold_with_first_signers_from_earlier_runs(bound, a, b, c):
    def make(items):
        merger = Merger(bound)
        for item in items:
            merger.add(item)
        return merger.result()

    x, y, z = make(a), make(b), make(c)
    assert join(x, y).view() == join(y, x).view()
    assert join(join(x, y), z).view() == join(x, join(y, z)).view()
    assert join(x, x).view() == x.view()
    assert join(x, y, z).view() == make(a + b + c).view()


def test_which_copy_is_kept_never_depends_on_order():
    """Found by the property above: two copies of one content differing outside what
    identifies them (here the State) once kept whichever came first, and a claim that looks
    at the States then counted in one order and not in the other."""
    deu = Candidate("u4", 1, "c2", {}, state="DEU", trusted=False)
    fra = Candidate("u4", 1, "c2", {}, state="FRA", trusted=False)
    claim = Candidate("u1", 1, "c1", {}, revises="u4", state="FRA", states=frozenset({"FRA"}))
    assert record_set([deu, fra, claim]).view() == record_set([fra, deu, claim]).view()
