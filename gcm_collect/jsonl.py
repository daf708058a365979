"""JSON Lines submissions (design.md): parse, validate against the form, build store records.

One submission a line::

    {"uuid": "...", "form_id": "...", "form_version": "...", "state": "FRA", "region": "ECE",
     "period": "2026", "status": "draft", "answers": {"q": value, "repeat": [{...}, ...]}}

Answers are nested the way a person writes them (a repeat is a list of objects); they become the
store's flat paths with stable instance ids. Ids derive from the line's content, so importing the
same file twice finds the same submissions and instances and creates no duplicate.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms import Form, Group, Question, evaluate, make_path
from gcm_collect.forms.types import Invalid, coerce
from gcm_collect.i18n import _, language, ngettext
from gcm_collect.limits import entries_problem
from gcm_collect.reference.places import period_problem, place_problem
from gcm_collect.vocabulary import STATUSES

# Fixed namespace: ids derived from content are the same on every laptop.
NAMESPACE = uuidlib.UUID("6f1d6c8e-3b7a-5d2e-9c41-0a8f2b7e5d13")
MAX_LINE = 50_000_000  # a line larger than this is not a submission

FormResolver = Callable[[str, str], Form]


class LineError(Exception):
    """A problem in one field of one line: collected, then reported together."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ParsedLine:
    line: int
    record: dict[str, Any]  # the shape Store.put_submission takes


def read_jsonl(path: Path, resolve_form: FormResolver) -> Iterator[ParsedLine]:
    """The lines of ``path``, each validated, one at a time (memory does not grow with the
    file); UserError naming the line and field of the first problem, once the file is read.

    After a problem no more lines are given, but the rest are still checked, to say how many
    problems there are; the caller writes what it is given in one transaction, which the error
    rolls back: nothing is imported unless every line is valid.
    """
    first: str | None = None  # the first problem, in full
    more = 0  # how many after it
    seen = _Seen()
    for number, text in _lines(path):
        if not text.strip():
            continue
        try:
            record = _record(text, resolve_form)
            seen.check(record)
        except LineError as error:
            if first is None:
                first = _where(number, error.field) + ": " + error.message
            else:
                more += 1
            continue
        if first is None:
            yield ParsedLine(number, record)
    if first is not None:
        if more:
            first += " " + ngettext(
                "(and {n} more problem)", "(and {n} more problems)", more
            ).format(n=more)
        raise UserError(first + "; " + _("nothing was imported"), path)


def _where(number: int, field: str | None) -> str:
    if field is None:  # the line as a whole
        return _("line {line}").format(line=number)
    return _("line {line}, field {field}").format(line=number, field=field)


def count_lines(path: Path) -> int:
    """How many submissions ``path`` holds (its lines that are not blank), read as bytes: a
    progress bar's total, known before the lines are checked. 0 if it cannot be read (reading
    it says why)."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0


class _Seen:
    """The UUIDs given so far, each with a digest of its record: two different lines with one
    UUID are refused (the second would be dropped as "kept here"), the same line twice is not.
    About 150 bytes a submission, not the record itself."""

    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}

    def check(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=repr)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if self.digests.setdefault(record["uuid"], digest) != digest:
            raise LineError(
                "uuid", _("a submission {uuid} already exists").format(uuid=record["uuid"])
            )


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("r", encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, start=1):
                if len(text) > MAX_LINE:
                    raise UserError(_("line {line} is too long").format(line=number), path)
                yield number, text
    except FileNotFoundError:
        raise UserError(_("no such file"), path) from None
    except IsADirectoryError:
        raise UserError(_("is a folder, not a file"), path) from None
    except PermissionError:
        raise UserError(_("cannot be read (permission denied)"), path) from None
    except UnicodeDecodeError:
        raise UserError(_("is not UTF-8 text; save it as UTF-8 JSON Lines"), path) from None


def _record(text: str, resolve_form: FormResolver) -> dict[str, Any]:
    data = _object(text)
    meta = _meta(data)
    try:
        form = resolve_form(meta["form_id"], meta["form_version"])
    except UserError as error:
        raise LineError("form_id", error.message) from None
    state, region = data.get("state"), data.get("region")
    problem = place_problem(state, region)
    if problem is not None:
        raise LineError(*problem)
    state = str(state).upper()  # a known code (place_problem); the store keeps ISO3 upper-case
    status = data.get("status", "draft")
    if status not in STATUSES:
        raise LineError("status", _("must be one of draft, complete, finalized"))
    answers_in = data.get("answers", {})
    if not isinstance(answers_in, dict):
        raise LineError("answers", _("must be a JSON object"))
    sub_uuid = _submission_uuid(data)
    answers: dict[str, Any] = {}
    instances: dict[str, list[str]] = {}
    _flatten(form, form.children, answers_in, (), "answers", sub_uuid, answers, instances)
    _check_answers(form, status, answers, instances)
    return {
        "uuid": sub_uuid,
        "form_id": form.form_id,
        "form_version": form.version,
        "state": state,
        "region": region,
        "period": meta["period"],
        "status": status,
        "answers": answers,
        "instances": instances,
    }


def _object(text: str) -> dict[str, Any]:
    """The line as one JSON object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # The position, not the parser's English words.
        message = _("not valid JSON (at character {column})").format(column=error.pos + 1)
        raise LineError(None, message) from None
    except RecursionError:  # [[[[... a thousand levels: no submission is shaped like that
        raise LineError(None, _("the JSON is nested too deeply")) from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise LineError(None, _("a number has too many digits")) from None
    if not isinstance(data, dict):
        raise LineError(None, _("a line must be one JSON object"))
    return data


def _meta(data: dict[str, Any]) -> dict[str, str]:
    """The form id, form version and period, each non-empty text; the period a valid one."""
    meta: dict[str, str] = {}
    for key in ("form_id", "form_version", "period"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise LineError(key, _("missing or not text"))
        meta[key] = value
    backwards = period_problem(meta["period"])
    if backwards is not None:
        raise LineError("period", backwards)
    return meta


def _submission_uuid(data: dict[str, Any]) -> str:
    """The line's UUID, or one derived from its content (the same line, the same UUID)."""
    sub_uuid = data.get("uuid")
    if sub_uuid is None:
        canonical = json.dumps({k: v for k, v in data.items() if k != "uuid"}, sort_keys=True)
        return str(uuidlib.uuid5(NAMESPACE, canonical))
    if not isinstance(sub_uuid, str) or not _is_uuid(sub_uuid):
        raise LineError("uuid", _("not a UUID"))
    return sub_uuid


def _check_answers(
    form: Form, status: str, answers: dict[str, Any], instances: dict[str, list[str]]
) -> None:
    too_many = entries_problem(instances)
    if too_many is not None:  # before the form is evaluated over every one of them
        raise LineError("answers", too_many)
    if status != "draft":
        # A draft may be incomplete, as in the app; a complete or finalized one must pass.
        evaluation = evaluate(form, answers, instances, language())
        if evaluation.problems:
            first = evaluation.problems[0]
            raise LineError(_field_name(first.path, instances), first.message)


def _is_uuid(text: str) -> bool:
    try:
        uuidlib.UUID(text)
    except ValueError:
        return False
    return True


def _questions_in(items: tuple) -> dict[str, Question | Group]:
    """Names answerable at one level: questions, and repeats; plain groups are transparent."""
    out: dict[str, Question | Group] = {}
    for item in items:
        if isinstance(item, Group) and not item.is_repeat:
            out.update(_questions_in(item.children))
        else:
            out[item.name] = item
    return out


def _flatten(
    form: Form,
    items: tuple,
    given: dict[str, Any],
    chain: tuple[tuple[str, str], ...],
    where: str,
    sub_uuid: str,
    answers: dict[str, Any],
    instances: dict[str, list[str]],
) -> None:
    known = _questions_in(items)
    for name, value in given.items():
        field = f"{where}.{name}"
        base = name.removesuffix("_other")
        item, base_item = known.get(name), known.get(base)
        if item is None and name != base and isinstance(base_item, Question):
            if not base_item.or_other:
                raise LineError(field, _("unknown question {name}").format(name=name))
            if value is not None:
                if not isinstance(value, str):
                    raise LineError(field, _("Expected text."))
                answers[make_path(name, chain)] = value
            continue
        if item is None:
            raise LineError(field, _("unknown question {name}").format(name=name))
        if value is None:
            continue
        if isinstance(item, Group):
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise LineError(field, _("a repeat must be a list of JSON objects"))
            repeat_path = make_path(item.name, chain)
            order = []
            for index, entry in enumerate(value, start=1):
                iid = str(uuidlib.uuid5(NAMESPACE, f"{sub_uuid}/{repeat_path}/{index}"))
                order.append(iid)
                _flatten(
                    form,
                    item.children,
                    entry,
                    (*chain, (item.name, iid)),
                    f"{field}[{index}]",
                    sub_uuid,
                    answers,
                    instances,
                )
            if order:
                instances[repeat_path] = order
            continue
        answers[make_path(name, chain)] = _value(form, item, value, field)


def _value(form: Form, question: Question, value: Any, field: str) -> Any:
    try:
        return coerce(form, question, value)
    except Invalid as problem:
        raise LineError(field, str(problem)) from None


def _field_name(path: str, instances: dict[str, list[str]]) -> str:
    """A store path as the line wrote it: ``practices[2].title`` rather than instance ids."""
    parts = []
    prefix = ""
    for segment in path.split("/"):
        if "[" in segment:
            name, iid = segment[:-1].split("[", 1)
            repeat_path = prefix + name
            index = instances.get(repeat_path, []).index(iid) + 1
            parts.append(f"{name}[{index}]")
            prefix = f"{prefix}{segment}/"
        else:
            parts.append(segment)
    return "answers." + ".".join(parts)
