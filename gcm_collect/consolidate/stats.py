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

from gcm_collect.forms.model import CALCULATE, NOTE, Form, Group
from gcm_collect.workbook.render import OBJECTIVE_RE

PRACTICE_OBJECTIVES = "practice_objectives"
PRACTICE_PRINCIPLES = "practice_principles"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Section:
    name: str
    label: str


def _sections(form: Form, lang: str) -> tuple[list[Section], dict[str, tuple[str, bool]]]:
    """Top-level groups and, for each top-level (non-repeat) question, its section and
    whether it is always asked (no condition on it or on a group around it)."""
    sections = [
        Section(item.name, item.label(lang)[0] or item.name)
        for item in form.children
        if isinstance(item, Group) and not item.is_repeat
    ]
    of: dict[str, tuple[str, bool]] = {}
    for q in form.questions():
        if q.type in (NOTE, CALCULATE) or form.repeat_chain(q.name):
            continue
        always = q.relevant is None
        node: Any = form.parent(q.name)
        top = None
        while node is not None:
            always = always and node.relevant is None
            top, node = node, form.parent(node.name)
        if top is not None and not top.is_repeat:
            of[q.name] = (top.name, always)
    return sections, of


class RegionStats:
    """Feed every written record to ``observe``; then read the tables."""

    def __init__(self, lang: str):
        self.lang = lang
        self.sections: dict[str, str] = {}  # name -> label, in first-seen order
        self._plans: dict[tuple[str, str], dict[str, tuple[str, bool]]] = {}
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

    def _plan(self, form: Form) -> dict[str, tuple[str, bool]]:
        key = (form.form_id, form.version)
        if key not in self._plans:
            sections, of = _sections(form, self.lang)
            for s in sections:
                self.sections.setdefault(s.name, s.label)
            self._plans[key] = of
            for name, target in (
                (PRACTICE_OBJECTIVES, self.objective_labels),
                (PRACTICE_PRINCIPLES, self.principle_labels),
            ):
                if name in form:
                    for c in form.choices_for(form.question(name)):
                        target.setdefault(c.name, c.label(self.lang)[0] or c.name)
        return self._plans[key]

    def observe(self, data: Mapping[str, Any], form: Form) -> None:
        of = self._plan(form)
        state = str(data.get("state") or "")
        answers = dict(data.get("answers") or {})
        instances = dict(data.get("instances") or {})
        self.submissions[state] += 1
        self.statuses[state][str(data.get("status"))] += 1
        self.periods[state].add(str(data.get("period") or ""))
        if data.get("officer"):
            self.officers[state].add(str(data["officer"]))
        asked: Counter[str] = Counter()
        answered: Counter[str] = Counter()
        for name, (section, always) in of.items():
            done = answers.get(name) not in (None, "", [])
            if always or done:
                asked[section] += 1
                answered[section] += done
        best = self.completeness[state]
        for section, n in asked.items():
            best[section] = max(best.get(section, 0.0), answered[section] / n)
        for name, value in answers.items():
            m = OBJECTIVE_RE.match(name)
            if m and m[2] == "priority" and value not in (None, NOT_APPLICABLE):
                self.objectives[state][int(m[1])] += 1
        self.practices[state] += len(instances.get("practices", ()))
        for path, value in answers.items():
            tail = path.rsplit("/", 1)[-1]
            if tail == PRACTICE_OBJECTIVES and isinstance(value, list):
                self.by_objective[state].update(str(v) for v in value)
            elif tail == PRACTICE_PRINCIPLES and isinstance(value, list):
                self.by_principle[state].update(str(v) for v in value)

    def states(self) -> list[str]:
        return sorted(self.submissions)
