"""Babel extractor for the built-in form's text (``gcm_form`` in babel-forms.cfg).

``pybabel extract -F babel-forms.cfg`` calls it for ``forms/builtin/survey.csv``; it yields every
label, hint and message of the survey, its choice lists and its title, so the ``forms`` catalogs
hold the whole questionnaire. Texts that come from the reference data (objective and principle
titles, States) already exist in six languages and stay out: official texts win over catalogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gcm_collect.forms.builtin import builtin_sheets, translatable_texts, version_of


def extract_form(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    # The current survey.csv, or one of an earlier version kept for its submissions: each
    # version's own texts, so a label changed since stays translated for the old version.
    version = version_of(str(getattr(fileobj, "name", "")))
    for sheet, index, column, text in translatable_texts(builtin_sheets(version)):
        # Row numbers as a form author sees them in the spreadsheet (header is row 1).
        row = index + 2
        yield row, None, text, [f"{sheet} row {row}, column {column}"]
