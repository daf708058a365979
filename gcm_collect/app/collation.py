"""States in the order their UN names sort in a display language (ICU, through Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale

from gcm_collect.reference import state_label, states


def states_by_name(lang: str) -> list[str]:
    """Every State's ISO3 code, ordered by its name in ``lang`` as the list shows it."""
    collator = QCollator(QLocale(lang))
    named = [(state_label(s.iso3, lang), s.iso3) for s in states()]
    named.sort(key=lambda pair: (collator.sortKey(pair[0]), pair[1]))
    return [iso3 for _name, iso3 in named]
