"""The form's sections for the navigator, and how far each one is answered. No Qt here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from gcm_collect.forms import Evaluation, Form, Group, Item, Question, make_path, parse_path
from gcm_collect.forms.evaluate import REQUIRED
from gcm_collect.forms.types import question_type

LOOSE = ""  # the section of questions that sit outside every group
HIDDEN_TYPES = ("calculate",)


@dataclass
class Node:
    """A section: a group not inside a repeat (or the loose top-level questions)."""

    key: str
    group: Group | None
    items: tuple[Item, ...]
    children: list[Node] = field(default_factory=list)


@dataclass
class Tally:
    answered: int = 0
    required: int = 0
    problems: int = 0  # wrong answers (required-but-empty is counted by answered/required)
    to_confirm: int = 0  # answers carried from last cycle, not confirmed yet


def _shown(item: Item) -> bool:
    if isinstance(item, Group):
        return True
    if item.is_metadata:  # filled by the app, never asked
        return False
    return item.type not in HIDDEN_TYPES or bool(item.labels)


def section_tree(form: Form) -> list[Node]:
    nodes: list[Node] = []
    loose = tuple(i for i in form.children if isinstance(i, Question) and _shown(i))
    if loose:
        nodes.append(Node(LOOSE, None, loose))

    def visit(group: Group) -> Node:
        node = Node(group.name, group, group.children)
        if not group.is_repeat:
            for child in group.children:
                if isinstance(child, Group) and not child.is_repeat:
                    node.children.append(visit(child))
        return node

    for item in form.children:
        if isinstance(item, Group):
            nodes.append(visit(item))
    return nodes


@dataclass(frozen=True)
class Stop:
    """A question as it appears on screen: in one top-level section, in one repeat entry."""

    path: str
    question: Question
    section: str  # the key of the top-level section (page) showing it
    pairs: tuple[tuple[str, str], ...]


def shown_question(question: Question) -> bool:
    """Whether the form window shows ``question`` (as the widget factory decides): never the
    metadata the app fills, nor a calculation without a label."""
    if question.is_metadata:
        return False
    if question.type == "calculate" or (
        question.calculation is not None and question.type != "note"
    ):
        return bool(question.labels)
    return True


def stops(
    nodes: list[Node], instances: Mapping[str, list[str]], relevant: frozenset[str]
) -> Iterator[Stop]:
    """Every relevant question shown, in page order: sections as the navigator lists them,
    repeat entries in their order."""

    def visit(items: tuple[Item, ...], pairs: tuple, section: str) -> Iterator[Stop]:
        for item in items:
            if isinstance(item, Group) and item.is_repeat:
                repeat_path = make_path(item.name, pairs)
                if repeat_path not in relevant:
                    continue
                for iid in instances.get(repeat_path, ()):
                    yield from visit(item.children, (*pairs, (item.name, iid)), section)
            elif isinstance(item, Group):
                yield from visit(item.children, pairs, section)
            elif shown_question(item):
                path = make_path(item.name, pairs)
                if path in relevant:
                    yield Stop(path, item, section, pairs)

    for node in nodes:
        items = node.items
        if node.group is not None and node.group.is_repeat:
            items = (node.group,)
        yield from visit(items, (), node.key)


def all_nodes(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        out.extend(all_nodes(node.children))
    return out


def section_keys(form: Form, nodes: list[Node]) -> dict[str, tuple[str, ...]]:
    """Item name -> the sections that show it, outermost first."""
    keys = {n.key for n in all_nodes(nodes)}
    out: dict[str, tuple[str, ...]] = {}
    for item in form.walk():
        chain: list[str] = []
        parent = form.parent(item.name)
        while parent is not None:
            if parent.name in keys:
                chain.append(parent.name)
            parent = form.parent(parent.name)
        if item.name in keys:
            chain.insert(0, item.name)
        if not chain and LOOSE in keys:
            chain = [LOOSE]
        out[item.name] = tuple(reversed(chain))
    return out


def overall(tallies: dict[str, Tally], nodes: list[Node]) -> Tally:
    """The whole survey: every question counts in exactly one top-level section."""
    total = Tally()
    for node in nodes:
        t = tallies.get(node.key)
        if t is not None:
            total.answered += t.answered
            total.required += t.required
            total.problems += t.problems
            total.to_confirm += t.to_confirm
    return total


def tally(
    form: Form,
    evaluation: Evaluation,
    keys: dict[str, tuple[str, ...]],
    to_confirm: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Tally]:
    """Answered and required questions, wrong answers and answers to confirm, per section
    (relevant ones only)."""
    out: dict[str, Tally] = {}
    missing = {p.path for p in evaluation.problems if p.kind == REQUIRED}
    wrong: dict[str, int] = {}
    for problem in evaluation.problems:
        if problem.kind != REQUIRED:
            wrong[problem.path] = wrong.get(problem.path, 0) + 1
    for path in evaluation.relevant:
        try:
            name = parse_path(path)[0]
        except ValueError:
            continue
        if name not in form:
            continue
        item = form.item(name)
        if not isinstance(item, Question) or question_type(item.type).computed or item.is_metadata:
            continue
        answered = path in evaluation.answers
        required = path in missing or (item.required is not None and answered)
        bad = wrong.get(path, 0)
        confirm = path in to_confirm
        if not (required or bad or confirm):
            continue
        for key in keys.get(name, ()):
            t = out.setdefault(key, Tally())
            if required:
                t.required += 1
                t.answered += path not in missing
            t.problems += bad
            t.to_confirm += confirm
    return out
