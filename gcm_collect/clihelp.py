"""The command line's help in the language asked for (``--lang``, else ``GCM_COLLECT_LANG``, else
the system's).

click keeps each command's and option's help as given when the module is imported, before any
language is known: cli.py gives the English text (marked with ``N_``) and ``speak`` translates the
whole command tree once the language is set, just before click parses the arguments. The words
click adds itself (Usage, Options, Commands, the --help line) go through our catalogs too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click

from gcm_collect.i18n import LANGUAGES, N_, _

# click's own words, as click writes them: translated by the formatter below.
CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("[required]"),
)
_SOURCE = "_gcm_help_source"  # the English help, kept on each command and option


class TranslatedFormatter(click.HelpFormatter):
    """click's formatter, with click's own headings and help line in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{_('Usage:')} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        # Only click's own line changes: ours are translated already, and translating a
        # translation again leaves it as it is.
        rows = [(term, _(text) if text else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class TranslatedContext(click.Context):
    formatter_class = TranslatedFormatter


def _translated(item: click.Command | click.Parameter, text: str | None) -> str | None:
    source = item.__dict__.setdefault(_SOURCE, text)
    return _(source) if source else source


def _commands(command: click.Command) -> Iterable[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _commands(sub)


def speak(root: click.Command) -> None:
    """Put every help text of ``root`` and its subcommands in the current language."""
    for command in _commands(root):
        command.context_class = TranslatedContext
        command.help = _translated(command, command.help)
        for param in command.params:
            if isinstance(param, click.Option):
                param.help = _translated(param, param.help)


def language_asked(args: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command, when it is one of the six (after the command,
    ``--lang`` is the workbook's language, not the messages')."""
    rest = iter(args)
    for arg in rest:
        if arg in ("--lang", "--db"):
            value = next(rest, None)
            if arg == "--db":
                continue
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg.startswith("-"):
            continue
        else:
            return None  # the command's name
        return value if value in LANGUAGES else None
    return None
