"""Review regions are not commission membership: the Arab regional review (ESCWA with the League
of Arab States) also covers Comoros and Djibouti, which are not ESCWA members."""

from __future__ import annotations

from gcm_collect import reference as ref


def test_comoros_and_djibouti_take_part_in_the_arab_regional_review():
    for iso3 in ("COM", "DJI"):
        assert ref.commissions_of(iso3) == ("ECA",)  # members of ECA only
        assert ref.reviews_of(iso3) == ("ECA", "ESCWA")


def test_the_arab_regional_review_covers_the_league_of_arab_states():
    members = {s.iso3 for s in ref.states_of("ESCWA")}
    taking_part = {s.iso3 for s in ref.review_participants("ESCWA")}
    assert len(members) == 20  # ESCWA's members as of 2021 (a 21st is reported, not identified)
    assert taking_part == members | {"COM", "DJI"}
    assert len(taking_part) == 22  # the League of Arab States' 22 members


def test_every_other_state_reviews_where_it_is_a_member():
    for s in ref.states():
        if s.iso3 not in ("COM", "DJI"):
            assert s.reviews == s.commissions, s.iso3
    assert ref.reviews_of("QQQ") == ()
