"""The ``gcm-collect`` command line: thin, one function per command, each calling the core.

Exit status: 0 success, 1 a user-facing problem (one line on stderr naming the file and the
problem), 2 wrong usage. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gcm_collect.clihelp import language_asked, speak
from gcm_collect.conversation import LEVELS, REGIONAL
from gcm_collect.errors import UserError, describe_internal_error
from gcm_collect.i18n import LANGUAGES, N_, _, ngettext, set_language
from gcm_collect.terminal import make_streams_printable
from gcm_collect.vocabulary import REGIONS, STATUSES
from gcm_collect.window import AppArguments, open_window

if TYPE_CHECKING:
    from gcm_collect.store import Store


@dataclass
class Session:
    """What every command needs: where the database is and how to speak."""

    db_path: Path
    debug: bool
    db_given: bool = False  # named with --db (or GCM_COLLECT_DB), not the default


def _open(session: Session, *, create: bool = True) -> Store:
    """The database; a command that only reads it (``create=False``) refuses a ``--db`` that
    names no file, rather than creating an empty database there (a mistyped path)."""
    from gcm_collect.store import Store

    if not create and session.db_given and not session.db_path.exists():
        raise UserError(
            _("there is no database here; check the path (demo, import and the app create one)"),
            session.db_path,
        )
    try:
        session.db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, or no right to create it
        raise UserError(
            _("cannot create the folder for the database: {reason}").format(
                reason=exc.strerror or exc
            ),
            session.db_path,
        ) from exc
    store = Store.open(session.db_path, passphrase=_passphrase_of(session.db_path))
    from gcm_collect.store.location import place_warning

    warning = place_warning(session.db_path)
    if warning:  # stderr: a script reading the command's output is not disturbed
        click.echo(
            _("warning: {problem}").format(problem=UserError(warning, session.db_path)), err=True
        )
    return store


def _passphrase_of(path: Path) -> str | None:
    """The passphrase of an encrypted database (None for a plain one): GCM_COLLECT_PASSPHRASE
    for scripts, else asked on the terminal without echo."""
    from gcm_collect.store import cipher

    if not cipher.is_encrypted(path):
        return None
    return _ask_passphrase(path, _("Passphrase of {path}").format(path=path))


def _ask_passphrase(path: Path, prompt: str, *, twice: bool = False) -> str:
    from gcm_collect.store import cipher

    given = os.environ.get(cipher.PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():  # a script or a pipe: nobody to ask
        raise cipher.needed(path)
    first = click.prompt(prompt, hide_input=True, err=True)
    if twice and click.prompt(_("The same passphrase again"), hide_input=True, err=True) != first:
        raise UserError(_("the two passphrases differ; nothing was changed"), path)
    return str(first)


def _describe_import(name: str, counts) -> str:
    parts = [
        ngettext("{n} new", "{n} new", counts["inserted"]).format(n=counts["inserted"]),
        ngettext("{n} updated", "{n} updated", counts["updated"]).format(n=counts["updated"]),
        ngettext("{n} unchanged", "{n} unchanged", counts["unchanged"]).format(
            n=counts["unchanged"]
        ),
    ]
    if counts["skipped"]:
        parts.append(
            ngettext(
                "{n} kept as it is here (this database has other answers)",
                "{n} kept as they are here (this database has other answers)",
                counts["skipped"],
            ).format(n=counts["skipped"])
        )
    return f"{name}: " + ", ".join(parts)


def _print_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from gcm_collect.versions import describe

        click.echo(describe())
        ctx.exit()


@click.group(invoke_without_command=True, help=N_("GCM Collect: offline GCM practice surveys."))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="GCM_COLLECT_DB",
    help=N_("Database file (default: in the user data folder)."),
)
@click.option("--lang", type=click.Choice(LANGUAGES), help=N_("Language of the app and messages."))
@click.option("--debug", is_flag=True, help=N_("Show tracebacks of internal errors."))
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_versions,
    help=N_("Show the versions of the app, of Python and of each library, and exit."),
)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, lang: str | None, debug: bool) -> None:
    if ctx.invoked_subcommand is None:  # usually opened by gcm_collect.launch, without click
        sys.exit(open_window(AppArguments(db_path, lang, debug)))
    # Loaded only when needed (platformdirs, Babel's locale lookup): ~10 ms of start-up.
    from gcm_collect.environment import default_database_path, initial_language

    set_language(lang or initial_language())
    ctx.obj = Session(
        db_path=db_path or default_database_path(), debug=debug, db_given=db_path is not None
    )


@cli.command(help=N_("Fill the database with realistic synthetic submissions."))
@click.option("--submissions", "count", type=click.IntRange(0, 1_000_000), required=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--form",
    "form_id",
    metavar="FORM_ID",
    help=N_("An imported form to fill in (default: the built-in survey)."),
)
@click.option(
    "--version",
    "version",
    metavar="V",
    help=N_("The version of that form (default: the one imported last)."),
)
@click.pass_obj
def demo(session: Session, count: int, seed: int, form_id: str | None, version: str | None) -> None:
    from gcm_collect.demo import generate
    from gcm_collect.ops.forms import who

    with _open(session) as store:
        generate(store, count, seed, who=who(store), form_id=form_id, version=version)
        click.echo(ngettext("added {n} submission", "added {n} submissions", count).format(n=count))


ACCEPT_EDITS_HELP = N_(
    "Take the cells a reviewer edited after export, each checked against the form, as a new "
    "revision by that reviewer. Without it, edits are reported and the exported values kept."
)
REVIEWER_HELP = N_(
    "Who made the edits taken with --accept-edits (default: the name the workbook was last "
    "saved under)."
)


@cli.command("import", help=N_("Import exported workbooks (.xlsx) or JSON Lines files (.jsonl)."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--accept-edits", is_flag=True, help=ACCEPT_EDITS_HELP)
@click.option("--reviewer", metavar="NAME", help=REVIEWER_HELP)
@click.option(
    "--progress/--no-progress",
    default=None,
    help=N_("Show how far the import is, on stderr (default: when stderr is a terminal)."),
)
@click.pass_obj
def import_(
    session: Session,
    files: tuple[Path, ...],
    accept_edits: bool,
    reviewer: str | None,
    progress: bool | None,
) -> None:
    from gcm_collect.ops.importing import import_files

    shown = _ProgressLine(sys.stderr, progress)
    with _open(session) as store:
        report = import_files(
            store, list(files), accept_edits=accept_edits, reviewer=reviewer, progress=shown
        )
    shown.close()
    for name, counts in report.files.items():
        click.echo(_describe_import(name, counts))
        if name in report.signers:  # a workbook: who signed it, as `consolidate` says
            click.echo(f"{name}: {report.signers[name]}")
        edited = report.edits.get(name, 0)
        if edited and not accept_edits:
            click.echo(
                ngettext(
                    "{name}: {n} cell was edited after export; the exported values were kept "
                    "(--accept-edits takes the edits)",
                    "{name}: {n} cells were edited after export; the exported values were kept "
                    "(--accept-edits takes the edits)",
                    edited,
                ).format(name=name, n=edited)
            )
        for line in report.refused.get(name, []) if accept_edits else []:
            click.echo(f"{name}: " + _("edit refused: {line}").format(line=line), err=True)
        revisions = report.revisions.get(name, 0)
        if revisions:
            click.echo(
                ngettext(
                    "{name}: {n} edit taken, in {r} new revision",
                    "{name}: {n} edits taken, in {r} new revisions",
                    report.accepted.get(name, 0),
                ).format(name=name, n=report.accepted.get(name, 0), r=revisions)
            )
    for name, lines in report.reviews.items():
        if name in report.signers:  # who signed the return file: anyone can sign one
            click.echo(f"{name}: {report.signers[name]}")
        for line in lines:
            click.echo(f"{name}: {line}")


@cli.command(
    "return",
    help=N_(
        "Write the decisions and comments of a reviewed workbook as one signed return file "
        "per State and period, for the officers to import."
    ),
)
@click.argument("reviewed", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option(
    "--reviewer",
    metavar="NAME",
    help=N_("Who reviewed (default: the name set in this installation)."),
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default=REGIONAL,
    show_default=True,
    help=N_("The review level: the national focal point or the regional commission."),
)
@click.pass_obj
def return_(session: Session, reviewed: Path, out: Path, reviewer: str | None, level: str) -> None:
    from gcm_collect.ops.review import return_reviews

    with _open(session) as store:
        result = return_reviews(store, reviewed, out, reviewer=reviewer, level=level)
    for line in result.lines:
        click.echo(line)
    for line in result.problems:
        click.echo(line, err=True)


class _ProgressLine:
    """``Importing: 1,200 of 20,000 submissions`` on stderr, rewritten in place on a terminal;
    a line each time (at most every half second) when asked for without one."""

    def __init__(self, stream: Any, wanted: bool | None):
        self.stream = stream
        self.terminal = stream.isatty()
        self.wanted = self.terminal if wanted is None else wanted
        self.shown = False
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.wanted or (now - self.last < 0.5 and done < total):
            return
        self.last = now
        text = _("Importing: {done} of {total} submissions").format(done=done, total=total)
        end = "\r" if self.terminal else "\n"
        self.stream.write(f"\x1b[2K{text}{end}" if self.terminal else f"{text}{end}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.terminal:
            self.stream.write("\x1b[2K")
            self.stream.flush()


@cli.command(help=N_("Export submissions to a reviewer workbook."))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", "export_lang", type=click.Choice(LANGUAGES), help=N_("Workbook language."))
@click.option("--state", "states", multiple=True, metavar="ISO3")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help=N_(
        "Export submissions of this status (repeat for several; default: complete and "
        "finalized, as in the app; add --status draft for drafts)."
    ),
)
@click.pass_obj
def export(
    session: Session,
    out: Path,
    export_lang: str | None,
    states: tuple[str, ...],
    statuses: tuple[str, ...],
) -> None:
    from gcm_collect.i18n import language
    from gcm_collect.ops.workbooks import export as run

    with _open(session, create=False) as store:
        summary = run(
            store, out, lang=export_lang or language(), states=states, statuses=statuses or None
        ).summary
    count = ngettext(
        "exported {n} submission to {path}",
        "exported {n} submissions to {path}",
        summary.submissions,
    ).format(n=summary.submissions, path=summary.path)
    click.echo(count)
    click.echo(_("fingerprint: {fingerprint}").format(fingerprint=summary.fingerprint))


@cli.command(help=N_("Consolidate exported workbooks into one regional review workbook."))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--region",
    type=click.Choice(REGIONS),
    help=N_("Keep the submissions addressed to this regional review (their own review region)."),
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help=N_("Keep submissions of this status (repeat for several; default: all)."),
)
@click.option(
    "--period",
    "periods",
    multiple=True,
    metavar="PERIOD",
    help=N_("Keep submissions of this reporting period (repeat for several; default: all)."),
)
@click.option("--lang", "out_lang", type=click.Choice(LANGUAGES), help=N_("Workbook language."))
@click.option("--accept-edits", is_flag=True, help=ACCEPT_EDITS_HELP)
@click.option("--reviewer", metavar="NAME", help=REVIEWER_HELP)
@click.option("--strict", is_flag=True, help=N_("Fail on any problem with any input."))
@click.option(
    "--approved",
    type=click.Choice(LEVELS),
    help=N_("Keep only the submissions approved at this review level."),
)
@click.pass_obj
def consolidate(
    session,
    inputs,
    out,
    region,
    statuses,
    periods,
    out_lang,
    accept_edits,
    reviewer,
    strict,
    approved,
) -> None:
    from gcm_collect.consolidate import ConsolidationFailed
    from gcm_collect.i18n import language
    from gcm_collect.ops.workbooks import consolidate_workbooks

    try:
        # The reviewer's key signs; their register judges the inputs' signatures.
        with _open(session) as store:
            report = consolidate_workbooks(
                store,
                inputs,
                out,
                region=region,
                statuses=statuses,
                periods=periods,
                lang=out_lang or language(),
                accept_edits=accept_edits,
                reviewer=reviewer,
                strict=strict,
                approved=approved,
            )
    except ConsolidationFailed as failure:
        problems = failure.report.problems
        for line in problems[:-1]:
            click.echo(line, err=True)
        # The last line names the output: nothing was written there.
        raise UserError(
            (problems[-1] + "; " if problems else "")
            + _("nothing was written to {path}").format(path=out)
        ) from None
    for line in report.problems:
        click.echo(line, err=True)
    click.echo(
        ngettext(
            "consolidated {n} submission into {path}",
            "consolidated {n} submissions into {path}",
            report.submissions,
        ).format(n=report.submissions, path=report.out)
    )
    if report.conflicts:
        click.echo(
            ngettext(
                "{n} submission has conflicting versions: see the Conflicts sheet",
                "{n} submissions have conflicting versions: see the Conflicts sheet",
                report.conflicts,
            ).format(n=report.conflicts)
        )
    if report.excluded:
        click.echo(
            ngettext(
                "{n} submission left out by the filters: see the Sources sheet",
                "{n} submissions left out by the filters: see the Sources sheet",
                len(report.excluded),
            ).format(n=len(report.excluded))
        )
    if report.revisions:
        click.echo(
            ngettext(
                "{n} new revision made from the edits taken: see the Edits sheet",
                "{n} new revisions made from the edits taken: see the Edits sheet",
                report.revisions,
            ).format(n=report.revisions)
        )
    click.echo(_("fingerprint: {fingerprint}").format(fingerprint=report.fingerprint))


def _document_options(command):
    """--out and --lang of the commands that write a document."""
    command = click.option(
        "--lang", "doc_lang", type=click.Choice(LANGUAGES), help=N_("Document language.")
    )(command)
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help=N_("The file to write: .docx (Word) or .pdf."),
    )(command)


@cli.command(help=N_("Write the review report of one submission (Word or PDF)."))
@click.option(
    "--uuid", metavar="UUID", help=N_("The submission (or name it by --state and --period).")
)
@click.option("--state", metavar="ISO3", help=N_("The State whose latest submission is reported."))
@click.option("--period", metavar="PERIOD", help=N_("Its reporting period."))
@_document_options
@click.pass_obj
def report(
    session: Session,
    uuid: str | None,
    state: str | None,
    period: str | None,
    out: Path,
    doc_lang: str | None,
) -> None:
    from gcm_collect.i18n import language
    from gcm_collect.ops.documents import write_report

    if uuid is None and not (state and period):
        raise click.UsageError(_("name the submission: --uuid, or --state and --period"))
    with _open(session, create=False) as store:
        written = write_report(
            store, out, doc_lang or language(), uuid=uuid, state=state, period=period
        )
    click.echo(_("wrote the report of {uuid} to {path}").format(uuid=written.uuid, path=out))
    click.echo(_("fingerprint: {fingerprint}").format(fingerprint=written.fingerprint))


@cli.command(help=N_("Write the regional synthesis draft of a regional workbook (Word or PDF)."))
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@_document_options
def synthesis(workbook: Path, out: Path, doc_lang: str | None) -> None:
    from gcm_collect.i18n import language
    from gcm_collect.ops.documents import write_synthesis

    indicators = write_synthesis(workbook, out, doc_lang or language())
    click.echo(
        ngettext(
            "wrote the synthesis of {n} submission to {path}",
            "wrote the synthesis of {n} submissions to {path}",
            len(indicators.sources),
        ).format(n=len(indicators.sources), path=out)
    )


@cli.command(
    help=N_(
        "Write the practices of a regional workbook (or, without one, of the database) in the "
        "Migration Network Hub's fields, with the Hub's checklist checked (.xlsx)."
    )
)
@click.argument("workbook", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", "doc_lang", type=click.Choice(LANGUAGES), help=N_("Workbook language."))
@click.pass_obj
def hub(session: Session, workbook: Path | None, out: Path, doc_lang: str | None) -> None:
    from gcm_collect.i18n import language
    from gcm_collect.ops.documents import write_hub

    lang = doc_lang or language()
    if workbook is not None:
        practices = write_hub(out, lang, workbook=workbook)
    else:
        with _open(session, create=False) as store:
            practices = write_hub(out, lang, store=store)
    failing = sum(not p.passed for p in practices)
    click.echo(
        ngettext(
            "wrote {n} practice to {path}", "wrote {n} practices to {path}", len(practices)
        ).format(n=len(practices), path=out)
    )
    if failing:
        click.echo(
            ngettext(
                "{n} practice does not meet every Hub criterion yet: see the Checklist sheet",
                "{n} practices do not meet every Hub criterion yet: see the Checklist sheet",
                failing,
            ).format(n=failing)
        )


@cli.group(help=N_("This installation's signing key: show it, or write its key card."))
def key() -> None:
    pass


@key.command("show", help=N_("Print the officer, States, device and key fingerprint."))
@click.pass_obj
def key_show(session: Session) -> None:
    from gcm_collect.ops.keys import card_lines, key_card

    with _open(session) as store:
        card = key_card(store)
    for label, value in card_lines(card):
        click.echo(f"{label}: {value}")


@key.command("export", help=N_("Write the key card to hand to the regional commission."))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_obj
def key_export(session: Session, out: Path) -> None:
    from gcm_collect.keys import write_card
    from gcm_collect.ops.keys import key_card

    with _open(session) as store:
        card = key_card(store)
    write_card(card, out)
    click.echo(_("wrote the key card to {path}").format(path=out))
    click.echo(_("fingerprint: {fingerprint}").format(fingerprint=card.fingerprint))


@cli.group(help=N_("The register of officers' keys whose workbooks this reviewer trusts."))
def trust() -> None:
    pass


@trust.command("add", help=N_("Trust the key of a key card, for its States or those named."))
@click.argument("card", type=click.Path(path_type=Path))
@click.option(
    "--state",
    "states",
    multiple=True,
    metavar="ISO3",
    help=N_("A State this key may sign for (repeat for several; default: the card's States)."),
)
@click.pass_obj
def trust_add(session: Session, card: Path, states: tuple[str, ...]) -> None:
    from gcm_collect.ops.keys import trust_card

    with _open(session) as store:
        key, new = trust_card(store, card, states)
    message = (
        _("trusted {fingerprint} ({officer}) for {states}")
        if new
        else _("updated {fingerprint} ({officer}): now for {states}")
    )
    click.echo(
        message.format(
            fingerprint=key.fingerprint, officer=key.officer or "-", states=", ".join(key.states)
        )
    )


@trust.command("list", help=N_("List the trusted keys: fingerprint, officer, States, device."))
@click.pass_obj
def trust_list(session: Session) -> None:
    with _open(session, create=False) as store:
        keys = store.trusted_keys()
    for key in keys:
        click.echo(
            f"{key.fingerprint}\t{key.officer or '-'}\t{', '.join(key.states)}\t{key.device_id}"
        )
    if not keys:
        click.echo(_("no trusted keys yet: add key cards with gcm-collect trust add"), err=True)


@trust.command("remove", help=N_("Stop trusting the key with this fingerprint."))
@click.argument("fingerprint")
@click.pass_obj
def trust_remove(session: Session, fingerprint: str) -> None:
    from gcm_collect.ops.keys import untrust

    with _open(session, create=False) as store:
        removed = untrust(store, fingerprint)
    click.echo(_("no longer trusted: {fingerprint}").format(fingerprint=removed))


@cli.group(help=N_("Check, import or write XLSForm forms."))
def form() -> None:
    pass


SKIP_HELP = N_(
    "Leave out the questions of types GCM Collect refuses (GPS, photos, barcodes...), unless "
    "another question refers to them; each one left out is listed."
)


@form.command("check", help=N_("Report every problem of an XLSForm workbook."))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--skip-unsupported", is_flag=True, help=SKIP_HELP)
def form_check(path: Path, skip_unsupported: bool) -> None:
    from gcm_collect.forms.problems import ERROR, summary
    from gcm_collect.ops.forms import check_form

    problems = check_form(path, skip_unsupported)
    for problem in problems:
        click.echo(problem.report())
    click.echo(f"{path}: {summary(problems)}")
    if any(problem.severity == ERROR for problem in problems):
        sys.exit(1)


@form.command("import", help=N_("Store an XLSForm form in the database."))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--skip-unsupported", is_flag=True, help=SKIP_HELP)
@click.pass_obj
def form_import(session: Session, path: Path, skip_unsupported: bool) -> None:
    from gcm_collect.ops.forms import import_form

    with _open(session) as store:
        result = import_form(store, path, skip_unsupported)
    message = (
        _("imported form {form_id} version {version}")
        if result.new
        else _("form {form_id} version {version} was already imported")
    )
    click.echo(message.format(form_id=result.form_id, version=result.version))
    for warning in result.warnings:
        click.echo(f"{path}: {warning}", err=True)
    if result.skipped:
        left_out = ngettext(
            "left out {n} question: {names}", "left out {n} questions: {names}", len(result.skipped)
        )
        click.echo(left_out.format(n=len(result.skipped), names=", ".join(result.skipped)))


@form.command("template", help=N_("Write the built-in survey as an XLSForm workbook."))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def form_template(out: Path) -> None:
    from gcm_collect.ops.forms import write_template

    form = write_template(out)
    click.echo(
        _("wrote form {form_id} version {version} to {path}").format(
            form_id=form.form_id, version=form.version, path=out
        )
    )


@cli.command(help=N_("Back up the database (SQLite online backup)."))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(session: Session, out: Path | None) -> None:
    from gcm_collect.ops.backups import back_up

    with _open(session, create=False) as store:
        written = back_up(store, out)
    click.echo(_("backed up to {path}").format(path=written))


@cli.command(help=N_("Replace the database with a backup (the current one is kept as a backup)."))
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def restore(session: Session, file: Path) -> None:
    from gcm_collect.ops import backups

    with _open(session) as store:
        kept = backups.restore(store, file)
    click.echo(_("restored {path}").format(path=file))
    if kept is not None:
        click.echo(_("the replaced database was kept as {path}").format(path=kept))


@cli.command(help=N_("Encrypt the database and its backups with a passphrase (SQLCipher)."))
@click.pass_obj
def encrypt(session: Session) -> None:
    from gcm_collect.ops.encryption import encrypt as run

    path = session.db_path
    _exists(path)
    passphrase = _ask_passphrase(path, _("New passphrase for {path}").format(path=path), twice=True)
    backups = run(path, passphrase)
    click.echo(_("{path}: encrypted").format(path=path))
    for copy in backups:
        click.echo(_("{path}: backup encrypted").format(path=copy))
    click.echo(
        _(
            "Keep the passphrase safe: without it the answers cannot be read, by anyone, "
            "ever. GCM Collect asks it at every start."
        )
    )


@cli.command(help=N_("Turn encryption off: the database and its backups become plain again."))
@click.pass_obj
def decrypt(session: Session) -> None:
    from gcm_collect.ops.encryption import decrypt as run

    path = session.db_path
    _exists(path)
    passphrase = _ask_passphrase(path, _("Passphrase of {path}").format(path=path))
    backups = run(path, passphrase)
    click.echo(
        _("{path}: decrypted; anyone who can read the file can read the answers").format(path=path)
    )
    for copy in backups:
        click.echo(_("{path}: backup decrypted").format(path=copy))


def _exists(path: Path) -> None:
    if not path.is_file():
        raise UserError(_("there is no database file here"), path)


@cli.command(help=N_("Check this installation end to end, in a temporary folder."))
def selftest() -> None:
    from gcm_collect.selftest import passed, run_selftest

    results = run_selftest(report=lambda result: click.echo(result.line()))
    if not passed(results):
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps problems to exit codes 1 (user problem) and 2 (usage)."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    make_streams_printable()  # file names and texts from other people's files: no escapes
    # Help and usage errors come before the group's callback sets the language: set it now.
    from gcm_collect.environment import initial_language

    set_language(language_asked(args) or initial_language())
    speak(cli)
    try:
        cli.main(args=args, prog_name="gcm-collect", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(1)
    except click.Abort:
        click.echo(_("Aborted."), err=True)
        sys.exit(1)
    except UserError as error:
        if debug:
            raise
        click.echo(str(error), err=True)
        sys.exit(1)
    except Exception as error:  # a bug: one line unless the user asks for the traceback
        if debug:
            raise
        click.echo(describe_internal_error(error), err=True)
        sys.exit(1)
