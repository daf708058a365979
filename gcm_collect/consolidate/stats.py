"""Coverage and summary of a region, accumulated record by record while the workbook streams.

Coverage: for each State, who reported and how complete each survey section is (the share of
the section's questions answered, best submission; a question shown only under a condition
counts when it is answered, so a section is complete when every question always asked is
answered: this avoids evaluating every form again) and which GCM objectives were reported
on. Summary: practices (entries of the ``practices`` repeat) by GCM objective and by
guiding principle, per State and in total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gcm_collect.forms.model import Form, Group
from gcm_collect.forms.types import question_type
from gcm_collect.workbook.render import OBJECTIVE_RE

PRACTICE_OBJECTIVES = "practice_objectives"
PRACTICE_PRINCIPLES = "practice_principles"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Section:
    name: str
    label: str


@dataclass(frozen=True)
class _Plan:
    """Where a form's questions count: top-level questions by name, repeat questions by repeat."""

    top: dict[str, tuple[str, bool]]  # question -> (section, always asked)
    repeats: dict[str, tuple[str, frozenset[str]]]  # repeat -> (section, always-asked questions)
    in_repeat: dict[str, str]  # question in a repeat -> its innermost repeat


def _sections(form: Form, lang: str) -> tuple[list[Section], _Plan]:
    """Top-level groups and, for each question, its section and whether it is always asked
    (no condition on it or on any group around it).

    Questions inside repeats count too (a section such as "I. Promising practices" holds only
    a repeat): each entry is asked its always-asked questions, and a repeat with no entry
    counts as one unanswered question."""
    sections = [
        Section(item.name, item.label(lang)[0] or item.name)
        for item in form.children
        if isinstance(item, Group) and not item.is_repeat
    ]
    top: dict[str, tuple[str, bool]] = {}
    always_in: dict[str, set[str]] = {}
    repeat_section: dict[str, str] = {}
    in_repeat: dict[str, str] = {}
    for q in form.questions():
        if question_type(q.type).computed:
            continue
        chain = form.repeat_chain(q.name)
        always = q.relevant is None
        node: Any = form.parent(q.name)
        outer = None
        while node is not None:
            always = always and node.relevant is None
            outer, node = node, form.parent(node.name)
        if outer is None or outer.is_repeat:
            continue
        if not chain:
            top[q.name] = (outer.name, always)
            continue
        repeat = chain[-1]
        in_repeat[q.name] = repeat
        repeat_section[repeat] = outer.name
        group = always_in.setdefault(repeat, set())
        if always:
            group.add(q.name)
    repeats = {r: (repeat_section[r], frozenset(always_in[r])) for r in repeat_section}
    return sections, _Plan(top, repeats, in_repeat)


class RegionStats:
    """Feed every written record to ``observe``; then read the tables."""

    def __init__(self, lang: str):
        self.lang = lang
        self.sections: dict[str, str] = {}  # name -> label, in first-seen order
        self._plans: dict[tuple[str, str], _Plan] = {}
        self.submissions: Counter[str] = Counter()
        self.officers: dict[str, set[str]] = defaultdict(set)
        self.statuses: dict[str, Counter[str]] = defaultdict(Counter)
        self.periods: dict[str, set[str]] = defaultdict(set)  # reporting periods pooled
        self.completeness: dict[str, dict[str, float]] = defaultdict(dict)  # state -> section
        self.objectives: dict[str, Counter[int]] = defaultdict(Counter)  # reported on
        self.practices: Counter[str] = Counter()
        self.by_objective: dict[str, Counter[str]] = defaultdict(Counter)  # state -> code
        self.by_principle: dict[str, Counter[str]] = defaultdict(Counter)
        self.objective_labels: dict[str, str] = {}
        self.principle_labels: dict[str, str] = {}

    def _plan(self, form: Form) -> _Plan:
        key = (form.form_id, form.version)
        if key not in self._plans:
            sections, plan = _sections(form, self.lang)
            for s in sections:
                self.sections.setdefault(s.name, s.label)
            self._plans[key] = plan
            for name, target in (
                (PRACTICE_OBJECTIVES, self.objective_labels),
                (PRACTICE_PRINCIPLES, self.principle_labels),
            ):
                if name in form:
                    for c in form.choices_for(form.question(name)):
                        target.setdefault(c.name, c.label(self.lang)[0] or c.name)
        return self._plans[key]

    def observe(self, data: Mapping[str, Any], form: Form) -> None:
        plan = self._plan(form)
        state = str(data.get("state") or "")
        answers = dict(data.get("answers") or {})
        instances = dict(data.get("instances") or {})
        self.submissions[state] += 1
        self.statuses[state][str(data.get("status"))] += 1
        self.periods[state].add(str(data.get("period") or ""))
        if data.get("officer"):
            self.officers[state].add(str(data["officer"]))
        asked, answered = _tally(plan, answers, instances)
        best = self.completeness[state]
        for section, n in asked.items():
            best[section] = max(best.get(section, 0.0), answered[section] / n)
        self.practices[state] += len(instances.get("practices", ()))
        self._count_codes(state, answers)

    def _count_codes(self, state: str, answers: Mapping[str, Any]) -> None:
        """The objectives a State reported on, and those its practices name."""
        for path, value in answers.items():
            m = OBJECTIVE_RE.match(path)
            if m and m[2] == "priority" and value not in (None, NOT_APPLICABLE):
                self.objectives[state][int(m[1])] += 1
            tail = path.rsplit("/", 1)[-1]
            if tail == PRACTICE_OBJECTIVES and isinstance(value, list):
                self.by_objective[state].update(str(v) for v in value)
            elif tail == PRACTICE_PRINCIPLES and isinstance(value, list):
                self.by_principle[state].update(str(v) for v in value)

    def states(self) -> list[str]:
        return sorted(self.submissions)


def _tally(
    plan: _Plan, answers: Mapping[str, Any], instances: Mapping[str, Any]
) -> tuple[Counter[str], Counter[str]]:
    """Per section: the questions asked of one submission, and those answered."""
    asked: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for name, (section, always) in plan.top.items():
        done = answers.get(name) not in (None, "", [])
        if always or done:
            asked[section] += 1
            answered[section] += done
    if not plan.repeats:
        return asked, answered
    entries: Counter[str] = Counter()
    for path, order in instances.items():
        entries[path.rsplit("/", 1)[-1]] += len(order)
    for repeat, (section, always_asked) in plan.repeats.items():
        n = entries[repeat]
        asked[section] += n * len(always_asked) if n else 1  # none: not answered
    for path, value in answers.items():
        in_repeat = plan.in_repeat.get(path.rsplit("/", 1)[-1])
        if "[" not in path or value in (None, "", []) or in_repeat is None:
            continue
        section, always_asked = plan.repeats[in_repeat]
        answered[section] += 1
        if path.rsplit("/", 1)[-1] not in always_asked:
            asked[section] += 1
    return asked, answered
