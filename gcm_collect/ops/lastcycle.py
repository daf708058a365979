"""Start from last cycle: this reporting period's survey of a State begins with the answers of
that State's latest survey, each marked "to confirm" until the officer edits or confirms it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gcm_collect.errors import UserError
from gcm_collect.forms import Form, parse_path
from gcm_collect.i18n import _, language, latin_digits
from gcm_collect.ops.changes import CREATED, Changed
from gcm_collect.ops.forms import ensure_builtin, form_for, who
from gcm_collect.ops.submissions import (
    PREFILL,
    copy_answers,
    has_question,
    period_problem,
)
from gcm_collect.reference import state_label
from gcm_collect.store import Store, Submission

# Asked afresh in the new survey, never carried: its own State, region and period.
_FRESH = ("state", "review_region", "reporting_period")


def _period_key(period: str) -> tuple[int, str]:
    """Later periods sort last: by their last year ("2022-2025" ends in 2025)."""
    years = [part for part in period.split("-") if part.isdigit()]
    return (int(years[-1]) if years else 0, period)


def latest_of(store: Store, state: str) -> Submission | None:
    """The State's latest survey: the latest period, then the latest revision and change."""
    found = store.list_submissions(state=state)
    if not found:
        return None
    return max(found, key=lambda s: (_period_key(s.period), s.revision, s.updated_at))


def next_period(period: str) -> str:
    """The period after ``period``: 2024 -> 2025; 2019-2022 -> 2023-2026 (as long again)."""
    years = [int(y) for y in latin_digits(period).split("-") if y.isdigit()]
    if len(years) == 2:
        span = years[1] - years[0]
        return f"{years[1] + 1}-{years[1] + 1 + span}"
    return str(years[0] + 1) if years else period


def start_from_last_cycle(store: Store, state: str, period: str) -> Changed:
    """A new draft of ``state`` for ``period`` holding the answers of the State's latest
    survey (in the form's current version where it is the built-in one), each carried answer
    marked "to confirm"; the State, region and period are the new survey's own."""
    period = latin_digits(period).strip()
    problem = period_problem(period)
    if problem is not None:
        raise UserError(
            _("Reporting period {period}: {problem}").format(period=period, problem=problem)
        )
    last = latest_of(store, state)
    if last is None:
        raise UserError(
            _("{state} has no survey on this computer to start from.").format(
                state=state_label(state, language())
            )
        )
    if last.period == period:
        raise UserError(
            _(
                "{state} already has a survey for {period}: open it, or choose another period."
            ).format(state=state_label(state, language()), period=period)
        )
    builtin = ensure_builtin(store)
    version = builtin.version if last.form_id == builtin.form_id else last.form_version
    form = form_for(store, last.form_id, version)
    record = store.get_record(last.uuid)
    author = who(store)
    with store.atomic():
        uuid = store.create_submission(
            form_id=last.form_id,
            form_version=version,
            state=state,
            region=last.region,
            period=period,
            officer=author,
        )
        fresh = {"state": state, "region": last.region, "period": period}
        for question, key in PREFILL.items():
            if key in fresh and has_question(form, question):
                store.set_answer(uuid, question, fresh[key], who=author)
        written = copy_answers(store, record, uuid, author, keep=_keep(form, record["answers"]))
        store.mark_to_confirm(uuid, written)
    return Changed(CREATED, uuid, source=last.uuid, rows=True)


def _keep(form: Form, answers: Iterable[str]) -> Callable[[str], bool]:
    def keep(path: str) -> bool:
        try:
            name, _pairs = parse_path(path)
        except ValueError:
            return False
        if name not in form:
            return False
        if path in answers:  # an answer: not the new survey's own, not metadata
            item = form.item(name)
            return name not in _FRESH and not getattr(item, "is_metadata", False)
        return True  # a repeat path that the form still has

    return keep
