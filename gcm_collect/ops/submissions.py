"""Submission actions of the main window: new, duplicate, move to trash, restore.

Each returns what changed (``gcm_collect.ops.changes.Changed``), so the caller can refresh
and report.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms import Form, evaluate
from gcm_collect.i18n import _, language, latin_digits
from gcm_collect.ops.changes import CREATED, DUPLICATED, RESTORED, TRASHED, Changed
from gcm_collect.ops.forms import ensure_builtin, form_for, latest_version, who
from gcm_collect.reference import reviews_of, state_label
from gcm_collect.store import Store

# Identification questions of the built-in survey that a new submission fills from its metadata
# and the officer profile (only those the chosen form actually has).
PREFILL = {
    "state": "state",
    "review_region": "region",
    "reporting_period": "period",
    "focal_point_name": "name",
    "focal_point_position": "position",
    "focal_point_email": "email",
}


@dataclass(frozen=True)
class OfficerProfile:
    name: str = ""
    position: str = ""
    email: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "position": self.position, "email": self.email}


PROFILE_KEY = "officer_profile"


def get_profile(store: Store) -> OfficerProfile | None:
    """The officer profile, or None before the first run asked for it."""
    raw = store.get_setting(PROFILE_KEY)
    if not isinstance(raw, dict):
        return None
    return OfficerProfile(
        str(raw.get("name", "")), str(raw.get("position", "")), str(raw.get("email", ""))
    )


def set_profile(store: Store, profile: OfficerProfile) -> None:
    """Save the profile; ``officer`` (the name, a plain string) is what audit rows and exports
    name as the author."""
    with store.atomic():
        store.set_setting(PROFILE_KEY, profile.as_dict())
        store.set_setting("officer", profile.name)


def default_region(iso3: str) -> str | None:
    """The review region of a State that takes part in exactly one regional review; None when
    it takes part in several (the officer chooses) or none."""
    regions = reviews_of(iso3)
    return regions[0] if len(regions) == 1 else None


# Plausible reporting years for a NEW submission. Imports (JSON Lines, workbooks) do not check
# this: data already collected elsewhere keeps whatever period it was given.
FIRST_YEAR, LAST_YEAR = 1990, 2100
# ASCII digits only: ``\d`` would also take Arabic-Indic digits, which int() reads but the
# store, exports and sorting treat as other text; they are written 0-9 first (latin_digits).
_PERIOD_RE = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")


def period_problem(period: str) -> str | None:
    """Why ``period`` cannot be the reporting period of a new submission, or None when it can:
    one year (2025) or a range of years (2022-2025), earlier year first, each plausible."""
    match = _PERIOD_RE.fullmatch(latin_digits(period).strip())
    if match is None:
        return _("Enter a year such as 2025 or a range of years such as 2022-2025.")
    years = [int(year) for year in match.groups() if year is not None]
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
        return _("Enter years from {first} to {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)
    if len(years) == 2 and years[0] > years[1]:
        return _("Put the earlier year first, such as 2022-2025.")
    return None


def new_submission(
    store: Store,
    *,
    state: str,
    region: str,
    period: str,
    form_id: str | None = None,
    form_version: str | None = None,
    focal_point: OfficerProfile | None = None,
) -> Changed:
    """Create a draft for ``state``; the built-in survey unless another form is named.

    The form's identification questions are answered from these values at once, so the
    officer starts on the first question that really needs them.
    """
    period = latin_digits(period).strip()  # ٢٠٢٥ as typed on an Arabic keyboard is 2025
    problem = period_problem(period)
    if problem is not None:
        raise UserError(
            _("Reporting period {period}: {problem}").format(period=period, problem=problem)
        )
    builtin = ensure_builtin(store)
    form_id = form_id or builtin.form_id
    # another form's version is never the built-in one's: without one, the one imported last
    form_version = form_version or latest_version(store, form_id)
    form = form_for(store, form_id, form_version)
    regions = reviews_of(state)
    if regions and region not in regions:
        raise UserError(
            _("{state} takes part in the regional reviews of {regions}, not {region}").format(
                state=state_label(state, language()), regions=", ".join(regions), region=region
            )
        )
    author = who(store)
    values: dict[str, Any] = {"state": state, "region": region, "period": period}
    if focal_point is not None:
        values.update(focal_point.as_dict())
    with store.atomic():
        uuid = store.create_submission(
            form_id=form_id,
            form_version=form_version,
            state=state,
            region=region,
            period=period,
            officer=author,
        )
        for question, key in PREFILL.items():
            if values.get(key) and has_question(form, question):
                store.set_answer(uuid, question, values[key], who=author)
    return Changed(CREATED, uuid, rows=True)


def has_question(form: Form, name: str) -> bool:
    try:
        return form.question(name) is not None
    except KeyError:
        return False


def duplicate(store: Store, uuid: str) -> Changed:
    """A new draft with the same metadata, answers and repeat entries as ``uuid``.

    Repeat entries get new UUIDs: the copy is a separate submission, and consolidation must
    never take its practices for the original's.
    """
    record = store.get_record(uuid)
    author = who(store)
    with store.atomic():
        copy = store.create_submission(
            form_id=record["form_id"],
            form_version=record["form_version"],
            state=record["state"],
            region=record["region"],
            period=record["period"],
            officer=author,
            title=record["title"],
        )
        copy_answers(store, record, copy, author)
    return Changed(DUPLICATED, copy, source=uuid, rows=True)


def copy_answers(
    store: Store,
    record: dict[str, Any],
    copy: str,
    author: str,
    keep: Callable[[str], bool] = lambda _path: True,
) -> list[str]:
    """Copy a record's repeat entries (under new UUIDs) and its answers whose path ``keep``
    accepts into the submission ``copy``; returns the paths written."""
    renamed = {old: str(uuidlib.uuid4()) for order in record["instances"].values() for old in order}

    def rename(path: str) -> str:
        for old, new in renamed.items():
            if old in path:
                path = path.replace(old, new)
        return path

    # Outer repeats before nested ones: a nested repeat path names its enclosing entry.
    for repeat_path in sorted(record["instances"], key=lambda p: p.count("/")):
        if not keep(repeat_path):
            continue
        for old in record["instances"][repeat_path]:
            store.add_instance(copy, rename(repeat_path), who=author, instance_uuid=renamed[old])
    written = []
    for path, value in record["answers"].items():
        if keep(path):
            store.set_answer(copy, rename(path), value, who=author)
            written.append(rename(path))
    return written


def trash(store: Store, uuid: str) -> Changed:
    """Move to the trash: hidden from lists, kept with its answers until restored."""
    store.soft_delete(uuid, who=who(store))
    return Changed(TRASHED, uuid, rows=True)


def restore(store: Store, uuid: str) -> Changed:
    store.restore(uuid, who=who(store))
    return Changed(RESTORED, uuid, rows=True)


def count_problems(store: Store, uuid: str) -> int:
    """How many problems validation finds in the submission now (0: it can be marked complete)."""
    sub = store.get_submission(uuid)
    form = form_for(store, sub.form_id, sub.form_version)
    result = evaluate(form, store.get_answers(uuid), store.get_instances(uuid), language())
    return len(result.problems)
