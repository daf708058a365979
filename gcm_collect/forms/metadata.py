"""What the app fills in by itself: metadata answers (start, end, today, ...) and the title.

Kobo and ODK forms almost always carry ``start``, ``end``, ``today``, ``deviceid``, ``username``
and ``audit`` rows. They are never asked: the app calls ``metadata_values`` when a submission is
opened and when it is saved, and writes what it returns. ``audit`` is read as "record timing":
its value is the ISO 8601 interval ``<start>/<end>`` of the editing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from gcm_collect.forms.evaluate import Session
from gcm_collect.forms.expressions import ExpressionError, compile_expression
from gcm_collect.forms.expressions.values import to_str
from gcm_collect.forms.model import START, Expression, Form
from gcm_collect.forms.types import Filling, question_type, stamp

MAX_TITLE = 200  # characters of an instance_name title shown in the submissions list


def metadata_values(
    form: Form,
    *,
    now: datetime,
    device_id: str,
    username: str,
    started_at: datetime,
    existing: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """The metadata answers to write now, by path (metadata are only at submission level).

    ``existing`` is the submission's current answers: ``start``, ``today``, ``deviceid`` and
    ``username`` are set once and kept; ``end`` and ``audit`` move with every call. Give aware
    datetimes (``datetime.now().astimezone()``) so the stored times carry their UTC offset.
    """
    existing = existing or {}
    began = existing.get(_first(form, START)) or stamp(started_at)
    filling = Filling(now, started_at, device_id, username, began)
    out: dict[str, str] = {}
    for q in form.questions():
        t = question_type(q.type)
        if t.fill is None or (t.kept and existing.get(q.name) is not None):
            continue
        out[q.name] = t.fill(filling)
    return {k: v for k, v in out.items() if v != "" and existing.get(k) != v}


def _first(form: Form, qtype: str) -> str:
    return next((q.name for q in form.questions() if q.type == qtype), "")


def instance_title(
    form: Form,
    answers: Mapping[str, Any],
    lang: str,
    instances: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The submission's title from the form's ``instance_name`` setting; "" when the form has
    none or it gives nothing (the caller keeps its default title then)."""
    text = form.settings.get("instance_name")
    if not text:
        return ""
    try:
        fn = compile_expression(Expression.of(text).node, (), form.chains)
    except ExpressionError:
        return ""
    session = Session(form, answers, instances or {}, lang)
    env = session.env
    env.inst, env.dot, env.repeat, env.row = (), "", None, {}
    title = " ".join(to_str(fn(env)).split())
    return title[:MAX_TITLE]
