"""``gcm-collect selftest``: the whole chain an officer and a reviewer use, end to end, in a
temporary folder: a check that an installed copy (the PyInstaller bundle above all) has every
piece it needs: catalogs, Babel's data, the built-in form, the reference data, openpyxl,
python-calamine, SQLite and SQLCipher.

Two officers' databases are filled with demo submissions, exported (one in English, one in
Arabic), consolidated into one regional workbook, and the result is read back and verified.
Steps run in order and stop at the first failure: later steps need what earlier ones made.
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import LANGUAGES, N_, _, translations_dir

OK, SKIPPED, FAILED = "ok", "skipped", "failed"
# The demo generator answers as of this day; validating on the same day keeps "not in the
# future" constraints stable whatever the laptop's clock says.
DEMO_TODAY = date(2026, 6, 30)
# (database file, demo seed, export language): seeds chosen so that each database holds
# complete submissions with practices and a draft with gaps.
OFFICERS = (("officer-a.sqlite3", 1, "en"), ("officer-b.sqlite3", 2, "ar"))
SUBMISSIONS_EACH = 3


class StepFailed(Exception):
    """A check of the self-test did not hold; the message says which."""


@dataclass(frozen=True)
class StepResult:
    name: str  # the step, in the current language
    status: str  # ok, skipped or failed
    detail: str = ""  # why it was skipped or what failed

    def line(self) -> str:
        """``ok    create databases``: the status column first, so a failure stands out."""
        mark = {OK: "ok", SKIPPED: "skip", FAILED: "FAIL"}[self.status]
        text = f"{mark:<6}{self.name}"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass
class _Context:
    folder: Path
    databases: list[Path] = field(default_factory=list)
    exports: dict[Path, Any] = field(default_factory=dict)  # workbook -> ExportedWorkbook
    regional: Path | None = None
    regional_fingerprint: str = ""  # as the consolidation reported it


class _Skip(Exception):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _languages(ctx: _Context) -> None:
    from gcm_collect import reference
    from gcm_collect.workbook.layout import translator_for

    english_name = reference.state_name("DEU", "en")
    for lang in LANGUAGES:
        for domain in ("messages", "forms"):
            po = translations_dir() / lang / "LC_MESSAGES" / f"{domain}.po"
            _check(po.is_file(), _("missing catalog {path}").format(path=po))
        if lang == "en":
            continue
        # A real translation and a UN State name prove the catalog and the reference data load.
        _check(
            translator_for(lang)("Submissions") != "Submissions"
            and reference.state_name("DEU", lang) != english_name,
            _("the texts in {lang} are missing").format(lang=lang),
        )


def _create_databases(ctx: _Context) -> None:
    from gcm_collect.store import Store

    for name, _seed, _lang in OFFICERS:
        path = ctx.folder / name
        with Store.open(path) as store:
            _check(store.schema_version > 0, _("the database has no schema"))
        ctx.databases.append(path)


def _import_form(ctx: _Context) -> None:
    from gcm_collect.forms.builtin import builtin_form
    from gcm_collect.ops.forms import import_form, write_template
    from gcm_collect.store import Store

    template = ctx.folder / "gcm-survey.xlsx"
    write_template(template)
    builtin = builtin_form()
    for path in ctx.databases:
        with Store.open(path) as store:
            imported = import_form(store, template)
            stored = store.get_form(imported.form_id, imported.version)
        # The XLSForm round trip must give back the very form the app ships.
        _check(
            stored is not None and stored.content_hash == builtin.content_hash,
            _("the form read back from {path} differs from the built-in form").format(
                path=template.name
            ),
        )


def _fill(ctx: _Context) -> None:
    from gcm_collect.demo import generate
    from gcm_collect.store import Store

    for path, (_name, seed, _lang) in zip(ctx.databases, OFFICERS, strict=True):
        with Store.open(path) as store:
            generate(store, SUBMISSIONS_EACH, seed, who="selftest")
            practices = sum(
                len(store.get_instances(sub.uuid).get("practices", []))
                for sub in store.list_submissions()
            )
        _check(practices > 0, _("no practices were recorded"))


def _validate(ctx: _Context) -> None:
    from gcm_collect.forms import evaluate
    from gcm_collect.ops.forms import form_for
    from gcm_collect.store import Store

    for path in ctx.databases:
        with Store.open(path) as store:
            gaps_found = False
            for sub in store.list_submissions():
                form = form_for(store, sub.form_id, sub.form_version)
                evaluation = evaluate(
                    form,
                    store.get_answers(sub.uuid),
                    store.get_instances(sub.uuid),
                    "en",
                    today=DEMO_TODAY,
                )
                if sub.status != "draft":
                    _check(
                        evaluation.ok,
                        _("a complete submission does not pass validation: {problem}").format(
                            problem=evaluation.problems[0].message if evaluation.problems else ""
                        ),
                    )
                gaps_found = gaps_found or not evaluation.ok
            # A draft with gaps shows validation is really checking.
            _check(gaps_found, _("validation found no gap in a draft"))


def _export(ctx: _Context) -> None:
    from gcm_collect.export import export_workbook
    from gcm_collect.store import Store
    from gcm_collect.workbook import read_export

    for path, (_name, _seed, lang) in zip(ctx.databases, OFFICERS, strict=True):
        out = path.with_suffix(".xlsx")
        with Store.open(path) as store:
            summary = export_workbook(store, out, lang=lang)
        exported = read_export(out)
        _check(
            exported.fingerprint == summary.fingerprint
            and len(exported.records) == SUBMISSIONS_EACH,
            _("the export does not read back as it was written"),
        )
        ctx.exports[out] = exported


def _consolidate(ctx: _Context) -> None:
    try:
        module = importlib.import_module("gcm_collect.consolidate")
    except ImportError:
        module = None
    run = getattr(module, "consolidate", None)
    if run is None:
        raise _Skip(_("not available in this version"))
    ctx.regional = ctx.folder / "regional.xlsx"
    # strict: clean inputs must go through without a single problem.
    report = run(list(ctx.exports), ctx.regional, lang="en", strict=True)
    ctx.regional_fingerprint = getattr(report, "fingerprint", "")
    _check(ctx.regional.is_file(), _("no regional workbook was written"))


def _verify(ctx: _Context) -> None:
    from gcm_collect.workbook import read_export

    if ctx.regional is None:
        raise _Skip(_("nothing was consolidated"))
    # read_export checks every record checksum and the fingerprint over the whole machine part.
    regional = read_export(ctx.regional)
    _check(
        regional.fingerprint == (ctx.regional_fingerprint or regional.fingerprint),
        _("the regional workbook's fingerprint is not the one reported"),
    )
    expected = {
        record.uuid: (record.checksum, exported.fingerprint)
        for exported in ctx.exports.values()
        for record in exported.records
    }
    found = {
        record.uuid: (record.checksum, record.origin_fingerprint(regional.fingerprint))
        for record in regional.records
    }
    # Every submission once, unchanged, still naming the export it came from.
    _check(found == expected, _("the regional workbook does not hold exactly the inputs' data"))


def _encryption(ctx: _Context) -> None:
    """SQLCipher is there (the bundle carries it on every system): a database encrypted,
    opened with its passphrase, and decrypted, with every submission kept."""
    from gcm_collect.store import Store, cipher
    from gcm_collect.store.encrypting import decrypt, encrypt

    path = ctx.databases[0]
    passphrase = "self-test passphrase"

    def contents(key: str | None) -> list[dict[str, Any]]:
        cipher.remember(path, None)  # opened as a new start would: with the passphrase given
        with Store.open(path, create=False, passphrase=key) as store:
            return [store.get_record(s.uuid) for s in store.list_submissions()]

    before = contents(None)
    encrypt(path, passphrase)
    _check(cipher.is_encrypted(path), _("the database was not encrypted"))
    _check(contents(passphrase) == before, _("the encrypted database lost submissions"))
    decrypt(path, passphrase)
    _check(contents(None) == before, _("the decrypted database lost submissions"))


STEPS: tuple[tuple[str, Callable[[_Context], None]], ...] = (
    (N_("load the six languages"), _languages),
    (N_("create databases"), _create_databases),
    (N_("import the built-in form"), _import_form),
    (N_("fill submissions with practices"), _fill),
    (N_("validate"), _validate),
    (N_("export"), _export),
    (N_("consolidate two exports"), _consolidate),
    (N_("verify the regional workbook"), _verify),
    (N_("encrypt and decrypt a database (SQLCipher)"), _encryption),
)


def run_selftest(
    folder: Path | None = None, report: Callable[[StepResult], None] | None = None
) -> list[StepResult]:
    """Run every step in ``folder`` (a new temporary folder, removed afterwards, when None).

    ``report`` is called with each step's result as soon as it is known. Stops at the first
    failed step; the last result is then the failure.
    """
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="gcm-collect-selftest-") as temporary:
            return run_selftest(Path(temporary), report)
    results: list[StepResult] = []
    ctx = _Context(folder=Path(folder))
    for name, step in STEPS:
        try:
            step(ctx)
            result = StepResult(_(name), OK)
        except _Skip as skip:
            result = StepResult(_(name), SKIPPED, str(skip))
        except (StepFailed, UserError) as problem:
            result = StepResult(_(name), FAILED, str(problem))
        except Exception as error:  # a missing piece in a bundle shows up here: name it
            result = StepResult(_(name), FAILED, f"{type(error).__name__}: {error}")
        results.append(result)
        if report is not None:
            report(result)
        if result.status == FAILED:
            break
    return results


def passed(results: list[StepResult]) -> bool:
    """True when no step failed (skipped steps do not fail the self-test)."""
    return all(result.status != FAILED for result in results)
