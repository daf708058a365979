"""An answer as words an officer reads: choices by their labels in the form language, files by
their name, acknowledgements as such, dates and times as the app language writes them. Used by
the review read-through, find in form and history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gcm_collect.forms.files import parse_file_value
from gcm_collect.forms.model import OTHER_CHOICE, Form, Question
from gcm_collect.forms.types import question_type
from gcm_collect.i18n import _, join_list, moments


def choice_text(form: Form, question: Question, value: Any, lang: str) -> str:
    """A choice answer (one name or a list of names) by the labels of its choices in ``lang``."""
    labels = {c.name: c.label(lang)[0] or c.name for c in form.choices_for(question)}
    labels.setdefault(OTHER_CHOICE, _("Other"))
    chosen = value if isinstance(value, list) else [value]
    return join_list(labels.get(str(v), str(v)) for v in chosen)


def answer_text(
    form: Form,
    question: Question,
    value: Any,
    lang: str,
    answers: Mapping[str, Any] | None = None,
    path: str = "",
) -> str:
    """``value`` as text; "" when unanswered. With ``answers`` and ``path``, an "other" choice
    says what was written for it."""
    if value is None or value == "" or value == []:
        return ""
    if question.list_name is not None:
        text = choice_text(form, question, value, lang)
        other = (answers or {}).get(f"{path}_other") if path else None
        chosen = value if isinstance(value, list) else [value]
        if other and OTHER_CHOICE in chosen:
            text = _("{choices} ({other})").format(choices=text, other=other)
        return text
    if isinstance(value, bool):
        return _("Acknowledged") if value else ""
    moment = question_type(question.type).moment
    if moment is not None and isinstance(value, str):
        return moments.shown(moment, value)  # as the form's field shows it
    if question.type == "file":
        ref = parse_file_value(value)
        return ref.name if ref is not None else str(value)
    if isinstance(value, list):
        return join_list(str(v) for v in value)
    return str(value)
