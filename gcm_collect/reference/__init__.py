"""GCM reference data: objectives, guiding principles, clusters, commissions, States.

The data are CSV files in ``data/`` (see ``data/SOURCES.md``), read once and cached. Texts of
the Compact are data, not gettext strings: they must match the official UN wording, so every
text carries a status per language — ``official`` (verified UN wording) or ``unofficial`` (a
working translation that must never be shown as official).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gcm_collect.i18n import N_
from gcm_collect.vocabulary import LANGUAGES, REGIONS

KOSOVO_ISO3 = "XKX"
# Marks a text that is not the official UN wording (yet), in the reader's language.
WORKING_TRANSLATION = N_("{title} (working translation, not official)")

_STATUSES = ("official", "unofficial")
DATA_DIR = Path(__file__).resolve().parent / "data"


def _lang(lang: str) -> str:
    """The data language for a locale code: ``fr_CA`` -> ``fr``; unknown -> ``en``."""
    base = lang.replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else "en"


@dataclass(frozen=True)
class Texts:
    """One text in the six languages, with which of them are official UN wording."""

    values: tuple[tuple[str, str], ...]
    official: frozenset[str]

    def get(self, lang: str) -> str:
        return dict(self.values)[_lang(lang)]

    def is_official(self, lang: str) -> bool:
        return _lang(lang) in self.official


class _Multilingual:
    texts: Texts

    def is_official(self, lang: str) -> bool:
        """True if the text in ``lang`` is the verified UN wording, False for a working text."""
        return self.texts.is_official(lang)


@dataclass(frozen=True)
class Objective(_Multilingual):
    id: int
    cluster: int
    hub_term_id: int
    texts: Texts
    shorts: tuple[tuple[str, str], ...]

    def title(self, lang: str) -> str:
        return self.texts.get(lang)

    def short(self, lang: str) -> str:
        """Migration Network Hub short label (en/fr/es); the full title in other languages."""
        return dict(self.shorts).get(_lang(lang)) or self.title(lang)


@dataclass(frozen=True)
class Principle(_Multilingual):
    key: str
    texts: Texts

    def label(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class Cluster(_Multilingual):
    id: int
    objectives: tuple[int, ...]
    texts: Texts

    def title(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class Commission(_Multilingual):
    code: str
    texts: Texts
    website: str

    def name(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class StakeholderType(_Multilingual):
    key: str
    texts: Texts

    def label(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class CovidPractice(_Multilingual):
    """A COVID-19 practice of the press release, with the GCM objectives it relates to.

    ``objectives_by_un`` is False for every row today: the links are the project's own
    analysis (gcm-reference.md §5), not a UN mapping, and must be shown as such.
    """

    key: str
    primary_objective: int
    objectives: tuple[int, ...]
    texts: Texts
    objectives_by_un: bool = False

    def label(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class Footnote(_Multilingual):
    """A footnote that goes with every mention of a State (Kosovo), marked where it is named."""

    key: str
    mark: str
    texts: Texts

    def text(self, lang: str) -> str:
        return self.texts.get(lang)


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    m49: str | None
    name_en: str
    un_status: str  # member | observer | other
    commissions: tuple[str, ...]  # the regional commissions it is a member of
    reviews: tuple[str, ...]  # the regional reviews it takes part in (members and others)
    champion: bool
    champion_date: str
    champion_source: str
    footnote: str | None  # key of footnotes.csv
    note: str

    def name(self, lang: str) -> str:
        return state_name(self.iso3, lang)


def _rows(name: str) -> list[dict[str, str]]:
    # Beside this file, in a checkout, an installed package and the bundle alike (the package
    # is never imported from a zip); importlib.resources would add 2 ms to start-up.
    path = DATA_DIR / name
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _texts(row: dict[str, str], prefix: str, where: str) -> Texts:
    values, official = [], set()
    for lang in LANGUAGES:
        text, status = row[f"{prefix}_{lang}"].strip(), row[f"status_{lang}"]
        # A data bug, not a user error: fail loudly when the package is built or tested.
        if not text or status not in _STATUSES:
            raise ValueError(f"{where}: bad {prefix}_{lang} / status_{lang}")
        values.append((lang, text))
        if status == "official":
            official.add(lang)
    return Texts(tuple(values), frozenset(official))


@cache
def objectives() -> tuple[Objective, ...]:
    out = []
    for row in _rows("objectives.csv"):
        shorts = tuple((lang, row[f"short_{lang}"]) for lang in ("en", "fr", "es"))
        out.append(
            Objective(
                id=int(row["id"]),
                cluster=int(row["cluster"]),
                hub_term_id=int(row["hub_term_id"]),
                texts=_texts(row, "title", f"objectives.csv {row['id']}"),
                shorts=shorts,
            )
        )
    return tuple(sorted(out, key=lambda o: o.id))


def objective(number: int) -> Objective:
    return objectives()[number - 1]


@cache
def principles() -> tuple[Principle, ...]:
    return tuple(
        Principle(key=r["key"], texts=_texts(r, "label", f"principles.csv {r['key']}"))
        for r in _rows("principles.csv")
    )


@cache
def clusters() -> tuple[Cluster, ...]:
    return tuple(
        Cluster(
            id=int(r["id"]),
            objectives=tuple(int(n) for n in r["objectives"].split()),
            texts=_texts(r, "title", f"clusters.csv {r['id']}"),
        )
        for r in _rows("clusters.csv")
    )


@cache
def commissions() -> tuple[Commission, ...]:
    return tuple(
        Commission(
            code=r["code"],
            texts=_texts(r, "name", f"commissions.csv {r['code']}"),
            website=r["website"],
        )
        for r in _rows("commissions.csv")
    )


@cache
def stakeholder_types() -> tuple[StakeholderType, ...]:
    return tuple(
        StakeholderType(key=r["key"], texts=_texts(r, "label", f"stakeholder_types.csv {r['key']}"))
        for r in _rows("stakeholder_types.csv")
    )


@dataclass(frozen=True)
class SdgTarget:
    """A target of the 2030 Agenda, by number only: the domain data hold no target titles.

    ``verified`` is False for every target whose number and link to migration no source in
    the project's domain data confirms (see ``sdg_targets.csv``, column ``source``).
    """

    target: str
    goal: int
    verified: bool


@cache
def sdg_targets() -> tuple[SdgTarget, ...]:
    return tuple(
        SdgTarget(target=r["target"], goal=int(r["goal"]), verified=r["status"] == "verified")
        for r in _rows("sdg_targets.csv")
    )


@cache
def covid_practices() -> tuple[CovidPractice, ...]:
    return tuple(
        CovidPractice(
            key=r["key"],
            primary_objective=int(r["primary_objective"]),
            objectives=tuple(int(n) for n in r["objectives"].split()),
            objectives_by_un=r["objectives_basis"] == "un",
            texts=_texts(r, "label", f"covid_practices.csv {r['key']}"),
        )
        for r in _rows("covid_practices.csv")
    )


@cache
def states() -> tuple[State, ...]:
    out = []
    # A regional review may cover States that are not members of the commission running it:
    # the Arab regional review (ESCWA with the League of Arab States) covers Comoros and Djibouti.
    taking_part: dict[str, set[str]] = {}
    for r in _rows("review_participation.csv"):
        taking_part.setdefault(r["iso3"], set()).add(r["review"])
    for r in _rows("states.csv"):
        members = {c for c in REGIONS if r[c] == "1"}
        reviews = members | taking_part.get(r["iso3"], set())
        out.append(
            State(
                iso3=r["iso3"],
                iso2=r["iso2"],
                m49=r["m49"] or None,
                name_en=r["name_en"],
                un_status=r["un_status"],
                commissions=tuple(c for c in REGIONS if c in members),
                reviews=tuple(c for c in REGIONS if c in reviews),
                champion=r["champion"] == "1",
                champion_date=r["champion_date"],
                champion_source=r["champion_source"],
                footnote=r["footnote"] or None,
                note=r["note"],
            )
        )
    return tuple(out)


@cache
def footnotes() -> dict[str, Footnote]:
    return {
        r["key"]: Footnote(
            key=r["key"], mark=r["mark"], texts=_texts(r, "text", f"footnotes.csv {r['key']}")
        )
        for r in _rows("footnotes.csv")
    }


def state_footnote(iso3: str) -> Footnote | None:
    """The footnote that goes with the State wherever it is named (Kosovo), or None."""
    s = state(iso3)
    return footnotes()[s.footnote] if s is not None and s.footnote else None


@cache
def _states_by_iso3() -> dict[str, State]:
    return {s.iso3: s for s in states()}


def state(iso3: str) -> State | None:
    return _states_by_iso3().get(iso3.upper())


def commissions_of(iso3: str) -> tuple[str, ...]:
    """The regional commissions a State is a member of; () if unknown."""
    s = state(iso3)
    return s.commissions if s else ()


def reviews_of(iso3: str) -> tuple[str, ...]:
    """The regional reviews a State takes part in, by the code of the commission running each:
    its commissions, and reviews it joins without being a member (Comoros and Djibouti in the
    Arab regional review, ESCWA); () if unknown. A submission's review region is one of these."""
    s = state(iso3)
    return s.reviews if s else ()


def states_of(commission: str) -> tuple[State, ...]:
    """The members of a regional commission."""
    code = commission.upper()
    return tuple(s for s in states() if code in s.commissions)


def review_participants(review: str) -> tuple[State, ...]:
    """The States that take part in the regional review a commission runs (members or not)."""
    code = review.upper()
    return tuple(s for s in states() if code in s.reviews)


@cache
def _un_names() -> dict[str, dict[str, str]]:
    """Each State's UN (M49) names in the six languages, by ISO3 code (read at start-up: the
    list shows them; UNTERM's longer names are a file apart, read when formal text needs them)."""
    return {r["iso3"]: r for r in _rows("un_state_names.csv")}


@cache
def _unterm_names() -> dict[str, dict[str, str]]:
    """Each State's UNTERM short and formal names in the six languages, by ISO3 code."""
    return {r["iso3"]: r for r in _rows("unterm_state_names.csv")}


@cache
def _cldr_names() -> dict[str, dict[str, str]]:
    """CLDR's everyday name of each State in the six languages (written by ``cldr_names``):
    not shown, but found by the search ("South Korea", "Corée du Sud")."""
    return {r["iso3"]: r for r in _rows("cldr_state_names.csv")}


def state_name(iso3: str, lang: str) -> str:
    """The State's UN name in ``lang``: the "Country or Area" name of the UN Statistics
    Division's M49 standard ("Republic of Korea", «جمهورية كوريا»), the name of UN lists and
    tables, used in pickers, lists, workbooks and messages.

    An unknown code is returned as it is, so a record with a stray code still shows something.
    """
    names = _un_names().get(iso3.upper())
    if names is None:
        return iso3
    return names[f"m49_{_lang(lang)}"]


def state_label(iso3: str, lang: str) -> str:
    """The State's UN name as lists, pickers and workbooks show it: with the footnote's mark
    when it has one ("Kosovo*"), the footnote itself being shown nearby (``footnote_line``)."""
    note = state_footnote(iso3)
    name = state_name(iso3, lang)
    return f"{name}{note.mark}" if note is not None else name


def footnote_line(
    iso3: str, lang: str, translate: Callable[[str], str] | None = None
) -> str | None:
    """The State's footnote as printed under a list naming it ("*References to Kosovo shall
    ..."), in ``lang``; None when the State has none. A working translation says so, through
    ``translate`` (gettext in ``lang``; the English words without it)."""
    note = state_footnote(iso3)
    if note is None:
        return None
    text = note.text(lang)
    if not note.is_official(lang):
        text = (translate or str)(WORKING_TRANSLATION).format(title=text)
    return f"{note.mark}{text}"


def state_name_is_official(iso3: str, lang: str) -> bool:
    """False where ``state_name`` is a working text (Kosovo outside English), not a UN name."""
    names = _un_names().get(iso3.upper())
    return names is not None and names[f"status_{_lang(lang)}"] == "official"


def _unterm(iso3: str, lang: str, kind: str) -> str:
    names = _unterm_names().get(iso3.upper())
    if names is None:
        return iso3
    # A trailing " *" marks the non-member observer States in UNTERM's list: not part of the name.
    text = names[f"unterm_{kind}_{_lang(lang)}"].removesuffix(" *")
    return text or state_name(iso3, lang)


def state_short_name(iso3: str, lang: str) -> str:
    """UNTERM's short name, for formal UN text: "Republic of Korea (the)"; the M49 name where
    UNTERM has none (Côte d'Ivoire, Türkiye, Kosovo)."""
    return _unterm(iso3, lang, "short")


def state_formal_name(iso3: str, lang: str) -> str:
    """UNTERM's formal name: "the Republic of Korea"; the M49 name where UNTERM has none."""
    return _unterm(iso3, lang, "formal")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching: "cote" finds "Côte d'Ivoire" (Arabic
    vowel marks go too)."""
    # The UN writes "Côte d’Ivoire" (U+2019); people type an ASCII apostrophe.
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _folded_names() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each State's code with its folded names, UN and everyday, in the six languages (built
    once)."""
    return tuple((s.iso3, frozenset(fold(n) for n in state_search_names(s.iso3))) for s in states())


def state_search_names(iso3: str) -> tuple[str, ...]:
    """Every name a user may type to find the State: its UN (M49) names and CLDR's everyday
    names, in the six languages, without repeats."""
    code = iso3.upper()
    un, cldr = _un_names().get(code, {}), _cldr_names().get(code, {})
    names: dict[str, None] = {}
    for lang in LANGUAGES:
        for name in (un.get(f"m49_{lang}"), cldr.get(lang)):
            if name:
                names[name] = None
    return tuple(names)


def states_named(text: str) -> list[str]:
    """The ISO3 codes of the States whose name, UN or everyday, in any of the six languages,
    contains ``text`` (ignoring case and accents): searching the list finds what it shows, and
    "South Korea" or "Corée du Sud" find the Republic of Korea."""
    needle = fold(text.strip())
    if not needle:
        return []
    return [iso3 for iso3, names in _folded_names() if any(needle in n for n in names)]
