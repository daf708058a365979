"""The words GCM Collect is built on, defined once: the six UN languages, the statuses of a
submission and their labels, the regional commissions that review, the levels that decide.
Everything else imports them from here (the catalogs, the reference data, the store, forms,
workbooks, the command line and the app), so adding a language or a status is one change here
plus what it needs elsewhere (docs/architecture.md, *Where to add...*).

This is the ground floor: it imports nothing of the project, not even ``gcm_collect.i18n``
(which imports it). Labels are marked for the catalogs with the local ``N_`` below and
translated where they are shown, with ``gcm_collect.i18n._``.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 (the catalogs' extraction keyword)
    """Mark ``message`` for the catalogs without translating it (as ``gcm_collect.i18n.N_``)."""
    return message


# -- languages ---------------------------------------------------------------------------------

# The six official UN languages, in the UN's own order (alphabetical in English): the order of
# every language menu and list.
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT: frozenset[str] = frozenset({"ar"})
# Each language in its own name, so anyone finds theirs whatever the current language.
NATIVE_NAMES: dict[str, str] = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
# Each language in English, as XLSForm columns name them: ``label::French (fr)``.
ENGLISH_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}

# -- statuses of a submission ------------------------------------------------------------------

STATUSES: tuple[str, ...] = ("draft", "complete", "finalized")
# What a reviewer is sent unless the officer asks otherwise (command line and app alike):
# drafts stay on the laptop.
DEFAULT_EXPORT_STATUSES: tuple[str, ...] = ("complete", "finalized")
# One submission's status, as the list and the workbooks show it.
STATUS_LABELS: dict[str, str] = {
    "draft": N_("Draft"),
    "complete": N_("Complete"),
    "finalized": N_("Finalized"),
}
# Submissions of a status, as the export dialog counts them.
STATUS_TITLES: dict[str, str] = {
    "draft": N_("Drafts"),
    "complete": N_("Complete"),
    "finalized": N_("Finalized"),
}

# -- regions -----------------------------------------------------------------------------------

# The UN regional commissions whose regional reviews the surveys feed (reference/data has their
# names and members).
REGIONS: tuple[str, ...] = ("ECA", "ECE", "ECLAC", "ESCAP", "ESCWA")

# -- review levels -----------------------------------------------------------------------------

# Who decides on a survey (gcm-collect return --level, consolidate --approved): the national
# focal point, then the regional commission. The codes are written in files; the labels shown.
NATIONAL, REGIONAL = "national", "regional"
LEVELS: tuple[str, ...] = (NATIONAL, REGIONAL)
LEVEL_LABELS: dict[str, str] = {NATIONAL: N_("national"), REGIONAL: N_("regional")}
# Who decides at each level, as a choice names it (the app's Return reviews).
LEVEL_TITLES: dict[str, str] = {
    NATIONAL: N_("National focal point"),
    REGIONAL: N_("Regional commission"),
}
