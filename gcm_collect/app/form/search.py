"""Find in form, without Qt: what each question on screen says (label, hint, answer in the form
language) and which of them hold the words looked for."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from gcm_collect.app.form.sections import Stop
from gcm_collect.forms import Evaluation, Form
from gcm_collect.forms.answer_text import answer_text


def fold(text: str) -> str:
    """Text as it is compared: case, accents and Arabic vowel marks left out, so "reintegration"
    finds "Réintégration" and a word typed without harakat finds it with them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def shown_answer(form: Form, stop: Stop, evaluation: Evaluation, lang: str) -> str:
    """The answer of ``stop`` as the officer reads it (a calculation shows its result)."""
    value = evaluation.calculated.get(stop.path, evaluation.answers.get(stop.path))
    return answer_text(form, stop.question, value, lang, evaluation.answers, stop.path)


def index(
    form: Form, found: Iterable[Stop], evaluation: Evaluation, lang: str
) -> list[tuple[str, str]]:
    """(path, folded text) for each question: its label, hint and answer."""
    out = []
    for stop in found:
        q = stop.question
        words = (q.label(lang)[0], q.hint(lang)[0], shown_answer(form, stop, evaluation, lang))
        out.append((stop.path, fold("\n".join(words))))
    return out


def matches(indexed: list[tuple[str, str]], needle: str) -> list[str]:
    """The paths whose text holds ``needle`` (folded, surrounding spaces ignored), in order."""
    folded = fold(needle.strip())
    if not folded:
        return []
    return [path for path, text in indexed if folded in text]
