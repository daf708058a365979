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
from gcm_collect.forms.model import (
    AUDIT,
    DEVICEID,
    END,
    START,
    TODAY,
    USERNAME,
    Expression,
    Form,
)

MAX_TITLE = 200  # characters of an instance_name title shown in the submissions list


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


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
    out: dict[str, str] = {}
    for q in form.questions():
        if not q.is_metadata:
            continue
        if q.type in (START, TODAY, DEVICEID, USERNAME) and existing.get(q.name) is not None:
            continue
        if q.type == START:
            out[q.name] = _stamp(started_at)
        elif q.type == END:
            out[q.name] = _stamp(now)
        elif q.type == TODAY:
            out[q.name] = now.date().isoformat()
        elif q.type == DEVICEID:
            out[q.name] = device_id
        elif q.type == USERNAME:
            out[q.name] = username
        elif q.type == AUDIT:
            began = existing.get(_first(form, START)) or _stamp(started_at)
            out[q.name] = f"{began}/{_stamp(now)}"
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
