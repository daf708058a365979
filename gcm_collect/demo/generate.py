"""Fill a database with varied, plausible submissions of the built-in survey or any imported form.

Deterministic for a seed: the same seed gives the same submissions (ids, answers, timestamps).
Answers are generated question by question from the form itself, then checked with the form's
own validation: a submission is marked complete or finalized only when it passes, and drafts
are left with gaps the way officers leave them.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gcm_collect import reference
from gcm_collect.demo.phrases import MINISTRIES, OFFICER_NAMES, PRACTICE_THEMES, SENTENCES
from gcm_collect.forms import Form, Question, Session
from gcm_collect.forms.builtin import FORM_ID as BUILTIN_ID
from gcm_collect.forms.model import DECIMAL, INTEGER
from gcm_collect.forms.types import Sample, question_type
from gcm_collect.ops.forms import ensure_builtin, form_for, latest_version
from gcm_collect.store import Store
from gcm_collect.vocabulary import STATUSES

TEXT_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BATCH = 500  # submissions written at once (store/bulk.py)


def generate(
    store: Store,
    count: int,
    seed: int = 0,
    *,
    who: str = "demo",
    form_id: str | None = None,
    version: str | None = None,
) -> int:
    """Add ``count`` submissions of the built-in survey, or of the imported form ``form_id``
    (``version``, else the one imported last); returns how many were added."""
    if form_id is None:
        form = ensure_builtin(store)
    else:
        ensure_builtin(store)
        form = form_for(store, form_id, version or latest_version(store, form_id))
    rng = random.Random(seed)
    states = [s for s in reference.states() if reference.commissions_of(s.iso3)]
    batch: list[dict[str, Any]] = []
    with store.atomic():
        for n in range(count):
            # Every batch of three or more has a draft, as every officer's laptop does (the
            # self-test checks that validation finds a draft's gaps).
            draft = n == 0 and count >= 3
            batch.append(_submission(form, rng, states, draft=draft))
            if len(batch) == BATCH:
                store.put_submissions(batch, who=who)
                batch = []
        store.put_submissions(batch, who=who)
    return count


def _uuid(rng: random.Random) -> str:
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


def _submission(
    form: Form, rng: random.Random, states: list, *, draft: bool = False
) -> dict[str, Any]:
    state = rng.choice(states)
    region = rng.choice(reference.commissions_of(state.iso3))
    lang = rng.choices(TEXT_LANGUAGES, weights=(4, 3, 3, 2, 2, 2))[0]
    officer = rng.choice(OFFICER_NAMES)
    wanted = rng.choices(STATUSES, weights=(3, 5, 2))[0]  # draft, complete, finalized
    wanted = "draft" if draft else wanted
    sub_uuid = _uuid(rng)
    instances = _builtin_entries(rng) if form.form_id == BUILTIN_ID else _entries(form, rng)
    themes = {iid: rng.choice(PRACTICE_THEMES) for iid in instances.get("practices", [])}
    filler = _Filler(form, rng, lang, state.iso3, region, officer, themes)
    # Pledge entries only for a State that says it pledged (the repeat is asked only then).
    filler.fixed["imrf_pledges_made"] = (
        "yes" if instances.get("pledges") else rng.choice(("no", "unknown"))
    )
    session = Session(form, {}, instances, "en", today=date(2026, 6, 30))
    for _ in range(3):  # answers open questions, repairs may too: until it settles
        # Answer what is relevant and unanswered until relevance settles (the session brings
        # relevance up to date once a round; answers are checked once relevance settled).
        for _ in range(4):
            pending = filler.unanswered(session)
            if not pending:
                break
            for path, question in pending:
                value = filler.value(path, question, session)
                if value is not None:
                    session.record(path, value)
        evaluation = session.evaluation()
        if evaluation.ok:
            break
        for problem in evaluation.problems:  # repair what the form's constraints refuse
            evaluation = filler.repair(session, evaluation, problem.path)
    answers = dict(evaluation.answers)
    status = wanted if evaluation.ok else "draft"
    if status == "draft":
        # Officers leave drafts with gaps: drop a few answers, required ones included.
        for path in rng.sample(sorted(answers), k=min(len(answers), rng.randint(3, 12))):
            answers.pop(path)
        # ... at least one of them required, so the draft has a gap validation finds.
        required = sorted(
            p
            for p in answers
            if "/" not in p and p not in filler.fixed and form.question(p).required is not None
        )
        if required:
            answers.pop(rng.choice(required))
    created = START + timedelta(minutes=rng.randint(0, 60 * 24 * 300))
    updated = created + timedelta(minutes=rng.randint(5, 60 * 24 * 20))
    return {
        "uuid": sub_uuid,
        "form_id": form.form_id,
        "form_version": form.version,
        "state": state.iso3,
        "region": region,
        "period": answers.get("reporting_period", "2025"),
        "status": status,
        "revision": 1,
        "created_at": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "updated_at": updated.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "officer": officer,
        "device_id": "demo-laptop",
        "answers": answers,
        "instances": instances,
    }


def _builtin_entries(rng: random.Random) -> dict[str, list[str]]:
    """The built-in survey's repeats, as many entries as reports usually have."""
    instances = {
        "practices": [_uuid(rng) for _ in range(rng.randint(1, 4))],
        "commitments": [_uuid(rng) for _ in range(rng.randint(0, 3))],
        "financing": [_uuid(rng) for _ in range(rng.randint(0, 3))],
        "pledges": [_uuid(rng) for _ in range(rng.randint(0, 2))],  # if the State pledged
    }
    return {k: v for k, v in instances.items() if v}


def _entries(form: Form, rng: random.Random) -> dict[str, list[str]]:
    """Entries for every repeat of any form, nested ones in each outer entry: the number its
    repeat_count gives when that is a number, else one to three."""
    instances: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}  # repeat -> "outer[u]/.../repeat[v]/" of each entry
    for rep in form.repeats():
        chain = form.repeat_chain(rep.name)
        outer = prefixes.get(chain[-2], []) if len(chain) > 1 else [""]
        fixed = rep.repeat_count.source.strip() if rep.repeat_count is not None else ""
        for prefix in outer:
            n = int(fixed) if fixed.isdigit() else rng.randint(1, 3)
            ids = [_uuid(rng) for _ in range(min(n, 20))]
            instances[f"{prefix}{rep.name}"] = ids
            prefixes.setdefault(rep.name, []).extend(f"{prefix}{rep.name}[{i}]/" for i in ids)
    return instances


class _Filler:
    """Plausible values, question by question."""

    def __init__(self, form, rng, lang, iso3, region, officer, themes) -> None:
        self.form, self.rng, self.lang = form, rng, lang
        self.fixed = {
            "state": iso3,
            "review_region": region,
            "submission_language": lang,
            "focal_point_name": officer,
            "focal_point_email": officer.lower().replace(" ", ".").replace("-", "")
            + "@gov.example",
            "reporting_period": rng.choice(("2024", "2025", "2022-2025", "2026")),
            "lead_entity": rng.choice(MINISTRIES),
        }
        self.themes = themes

    def unanswered(self, session: Session) -> list[tuple[str, Question]]:
        out = []
        askable = _askable(self.form)
        answers = session.answers
        for path in sorted(p for p in session.relevant() if p not in answers):
            question = askable.get(path.rsplit("/", 1)[-1])
            if question is None:
                continue
            if question.required is None and self.rng.random() < 0.35:
                continue  # optional questions are often left empty
            out.append((path, question))
        return out

    def value(self, path: str, question: Question, session: Session) -> Any:
        """The survey's own rules by question name, else a sample of the question's type."""
        name = question.name
        if name in self.fixed:
            return self.fixed[name]
        rule = _RULES.get(name)
        found = None if rule is None else rule(self, path, self._theme(path), session)
        if found is not None:
            return found
        if "link" in name and question.type == "text":
            return f"https://www.example.org/gcm/{self.rng.randint(100, 999)}"
        if "year" in name and question.type == "integer":
            return self.rng.randint(2019, 2026)
        allowed = session.choices_at(path) or self.form.choice_names(question)
        sample = Sample(self.rng, allowed, SENTENCES[self.lang])
        return question_type(question.type).sample(question, sample)

    def repair(self, session: Session, evaluation, path: str):
        """Other values for an answer the form refuses, the first it accepts kept: numbers of
        growing size (a constraint such as . < 120 or . <= 40), else new samples."""
        question = self.form.question(path.rsplit("/", 1)[-1])
        tries = [self.value(path, question, session) for _ in range(4)]
        if question_type(question.type).name in _NUMERIC:
            tries = [self.rng.randint(1, 10**k) for k in range(1, 4)] + tries
        for value in tries:
            evaluation = session.set_answer(path, value)
            if all(p.path != path for p in evaluation.problems):
                break
        return evaluation

    def _summary(self, path: str, theme, session: Session) -> str | None:
        if not theme:
            return None
        summary = theme[1][self.lang][1]
        extra = self.rng.sample(SENTENCES[self.lang], k=len(SENTENCES[self.lang]))
        while len(summary) < 110 and extra:  # the form asks for 100+ characters
            summary += " " + extra.pop()
        return summary

    def _end(self, path: str, theme, session: Session) -> str:
        start = session.answers.get(path.replace("practice_end", "practice_start"), "2020-01-01")
        days = timedelta(days=self.rng.randint(90, 900))
        return (date.fromisoformat(start) + days).isoformat()

    def _theme(self, path: str):
        if path.startswith("practices["):
            return self.themes.get(path[len("practices[") :].split("]", 1)[0])
        return None


_ASKABLE: dict[tuple[str, str, str], dict[str, Question]] = {}


def _askable(form: Form) -> dict[str, Question]:
    """The questions a person answers (not groups, not computed), by name: once a form."""
    key = (form.form_id, form.version, form.content_hash)
    if key not in _ASKABLE:
        items = (form.item(q.name) for q in form.questions())  # as the name finds it
        _ASKABLE[key] = {
            item.name: item
            for item in items
            if isinstance(item, Question) and not question_type(item.type).computed
        }
    return _ASKABLE[key]


_NUMERIC = (INTEGER, DECIMAL)  # repaired with small numbers first

# The built-in survey's practices, answered after their theme (a practice's title, summary,
# objectives) and with dates in order; None: no rule, a sample of the question's type.
_RULES: dict[str, Callable[[_Filler, str, Any, Any], Any]] = {
    "practice_title": lambda filler, path, theme, ev: theme and theme[1][filler.lang][0],
    "practice_summary": _Filler._summary,
    "practice_end": _Filler._end,
    "practice_primary_objective": lambda filler, path, theme, ev: theme and str(theme[0][0]),
    "practice_objectives": lambda filler, path, theme, ev: theme and [str(n) for n in theme[0]],
}
