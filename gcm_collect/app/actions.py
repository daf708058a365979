"""The main window's actions, one small function each: ask what is needed, call an operation
(``gcm_collect.ops``), then broadcast what it changed (``app.changes``): the views refresh
from that. No business logic here.

Dialogs open window-modal with ``open()`` (never a nested ``exec()`` loop), so the window keeps
painting and tests can drive them like a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QTableView, QWidget

from gcm_collect import __version__
from gcm_collect.app import messages
from gcm_collect.app.changes import broadcast
from gcm_collect.app.platform_keys import native
from gcm_collect.app.worker import Task, run_task
from gcm_collect.errors import UserError
from gcm_collect.i18n import _, language, ngettext

if TYPE_CHECKING:
    from gcm_collect.app.submissions_model import SubmissionsModel
    from gcm_collect.ops.changes import Changed
    from gcm_collect.store import Store, Submission


class MainWindow(Protocol):
    """What the actions use of the main window (app.main_window.MainWindow). A protocol, not
    an import: the window imports this module, and the two must not import each other."""

    store: Store
    open_forms: dict[str, Any]
    table: QTableView
    model: SubmissionsModel
    actionShowTrash: QAction  # noqa: N815 (Designer's name)
    refresh_soon: QTimer

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)
    def refresh(self, *args: object, select: str | None = None) -> None: ...
    def selected_uuid(self) -> str | None: ...
    def selected(self) -> Submission | None: ...
    def update_status(self) -> None: ...
    def forms_changed(self) -> None: ...
    def filter_values(self) -> dict[str, Any]: ...


def qt(window: MainWindow) -> QWidget:
    """The window as the widget it is (the protocol names what the actions use of it)."""
    return cast(QWidget, window)


def _report(window: MainWindow, error: UserError) -> None:
    messages.show_error(qt(window), _("GCM Collect"), str(error))


def _run(
    window: MainWindow, op: Callable[..., Changed], *args: Any, **kwargs: Any
) -> Changed | None:
    """Run the operation ``op`` (the store first) and broadcast what it changed; None when it
    refused, the user told why."""
    try:
        changed = op(window.store, *args, **kwargs)
    except UserError as error:
        _report(window, error)
        return None
    broadcast(changed)
    return changed


def new_submission(window: MainWindow) -> None:
    from gcm_collect.app.new_submission import NewSubmissionDialog
    from gcm_collect.ops import submissions as ops  # lazily: forms load after the window

    dialog = NewSubmissionDialog(window.store, qt(window))

    def create() -> None:
        choice = dialog.choice()
        if choice is None:
            return
        changed = _run(
            window,
            ops.new_submission,
            state=choice.state,
            region=choice.region,
            period=choice.period,
            form_id=choice.form_id,
            form_version=choice.form_version,
            focal_point=choice.focal_point,
        )
        if changed is not None:
            open_submission(window, changed.uuid)

    dialog.accepted.connect(create)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def open_submission(window: MainWindow, uuid: str | None = None) -> None:
    """Open the form of a submission (the selected one unless named) in its own window."""
    uuid = uuid or window.selected_uuid()
    if uuid is None:
        return
    view = window.open_forms.get(uuid)
    if view is not None:
        view.show()
        view.raise_()
        view.activateWindow()
        return
    try:
        from gcm_collect.app.form import FormView  # lazily: the list opens without it
    except ImportError:
        messages.show_info(qt(window), _("GCM Collect"), _("The form view is not available yet."))
        return
    try:
        view = FormView(window.store, uuid)
    except UserError as error:
        _report(window, error)
        return
    window.open_forms[uuid] = view
    view.destroyed.connect(lambda *_args: _forget(window, view))
    view.ctrl.status_changed.connect(lambda _status: _follow_revision(window, view))
    view.show()


def _follow_revision(window: MainWindow, view) -> None:
    """A reopened form shows its new revision: list it under that one, so opening the new
    revision from the list raises this window (no second window on the same answers) and
    opening the old one shows it, read only, in a window of its own."""
    if window.open_forms.get(view.ctrl.uuid) is not view:
        _forget(window, view)
        window.open_forms[view.ctrl.uuid] = view


def _forget(window: MainWindow, view) -> None:
    for key in [k for k, shown in window.open_forms.items() if shown is view]:
        del window.open_forms[key]


def duplicate(window: MainWindow) -> None:
    from gcm_collect.ops import submissions as ops  # lazily: forms load after the window

    uuid = window.selected_uuid()
    if uuid is None:
        return
    if _run(window, ops.duplicate, uuid) is None:
        return
    window.statusBar().showMessage(_("Duplicated as a new draft."), 5000)


def start_from_last_cycle(window: MainWindow) -> None:
    """This period's survey of the selected submission's State, from that State's latest one:
    asks the new period, creates it (answers marked "to confirm") and opens it."""
    from gcm_collect.ops import lastcycle  # lazily: forms load after the window
    from gcm_collect.reference import state_label

    sub = window.selected()
    if sub is None:
        return
    latest = lastcycle.latest_of(window.store, sub.state)
    if latest is None:
        return
    name = state_label(sub.state, language())
    period = messages.ask_text(
        qt(window),
        _("Start from last cycle"),
        _(
            "The new survey of {state} starts with the answers of its {period} survey, each "
            "marked to confirm.\n\nReporting period of the new survey:"
        ).format(state=name, period=latest.period),
        lastcycle.next_period(latest.period),
    )
    if period is None:
        return
    changed = _run(window, lastcycle.start_from_last_cycle, sub.state, period)
    if changed is not None:
        open_submission(window, changed.uuid)


def trash(window: MainWindow) -> None:
    from gcm_collect.ops import submissions as ops  # lazily: forms load after the window

    uuid = window.selected_uuid()
    if uuid is None:
        return
    view = window.open_forms.get(uuid)
    if view is not None:
        view.close()  # writes what is pending; a trashed submission is not edited any more
        view.deleteLater()
    row = window.table.currentIndex().row()
    if _run(window, ops.trash, uuid) is None:
        return
    count = window.model.rowCount()
    if count and not window.table.currentIndex().isValid():
        # The next submission takes the trashed one's place, so Del and Enter go on working.
        window.table.setCurrentIndex(window.model.index(min(row, count - 1), 0))
    window.statusBar().showMessage(
        _("Moved to the trash. Show the trash ({keys}) to restore it.").format(
            keys=native(window.actionShowTrash)
        ),
        8000,
    )


def restore(window: MainWindow) -> None:
    from gcm_collect.ops import submissions as ops  # lazily: forms load after the window

    uuid = window.selected_uuid()
    if uuid is None:
        return
    if _run(window, ops.restore, uuid) is None:
        return
    window.statusBar().showMessage(_("Restored from the trash."), 5000)


# -- long work on worker threads ---------------------------------------------------------


def import_files(window: MainWindow) -> None:
    names, _filter = QFileDialog.getOpenFileNames(
        qt(window),
        _("Import"),
        str(Path.home()),
        _("Exported workbooks and JSON Lines (*.xlsx *.jsonl)"),
    )
    if names:
        import_paths(window, [Path(n) for n in names])


def _on_own_connection(window: MainWindow, operation, *, follows: bool = False):
    """A worker job running ``operation(store)`` on a connection of its own: an SQLite
    connection stays on the thread that opened it. ``follows``: the operation takes the
    job's ``progress`` and ``cancelled`` too (``operation(store, progress, cancelled)``)."""
    db_path = window.store.path

    def job(progress, cancelled):
        from gcm_collect.store import Store

        with Store.open(db_path) as store:
            if follows:
                return operation(store, progress, cancelled)
            return operation(store)

    return job


def import_paths(window: MainWindow, paths: list[Path], *, accept_edits: bool = False) -> Task:
    """Import the files; a workbook edited after export is imported as exported, then the
    officer is asked whether to take the reviewer's edits too (as new revisions)."""

    def operation(store, progress, cancelled):
        from gcm_collect.ops.importing import import_files as run_import

        # Batch by batch, in one transaction: Cancel rolls back to the database as it was.
        return run_import(
            store, paths, accept_edits=accept_edits, progress=progress, cancel=cancelled
        )

    def done(report) -> None:
        broadcast(report.changed)
        total = report.total()
        n = sum(total.values())
        window.statusBar().showMessage(
            ngettext(
                "Imported {n} submission ({new} new).", "Imported {n} submissions ({new} new).", n
            ).format(n=n, new=total["inserted"]),
            8000,
        )
        if accept_edits:
            _tell_edits_taken(window, report)
            return
        if report.reviews:  # a reviewer's return file: what became of each submission
            reviews = "\n".join(
                f"{Path(name).name}: {line}"
                for name, lines in report.reviews.items()
                for line in lines
            )
            messages.show_info(qt(window), _("Import"), reviews)
        if report.signers:  # who signed each workbook, as the command line says
            signers = "\n".join(
                f"{Path(name).name}: {line}" for name, line in report.signers.items()
            )
            messages.show_info(qt(window), _("Import"), signers)
        edited = sum(report.edits.values())
        question = ngettext(
            "{n} cell was changed in the workbook after export; the exported values were "
            "imported. Take the reviewer's change too, as a new revision, if the form allows it?",
            "{n} cells were changed in the workbook after export; the exported values were "
            "imported. Take the reviewer's changes too, as new revisions, where the form "
            "allows them?",
            edited,
        ).format(n=edited)
        if edited and messages.ask(qt(window), _("Import"), question):
            import_paths(window, paths, accept_edits=True)

    job = _on_own_connection(window, operation, follows=True)
    return run_task(qt(window), _("Importing…"), job, done)


def _tell_edits_taken(window: MainWindow, report) -> None:
    taken = sum(report.accepted.values())
    text = ngettext(
        "{n} change taken, in {r} new revisions.", "{n} changes taken, in {r} new revisions.", taken
    ).format(n=taken, r=sum(report.revisions.values()))
    refused = [
        f"{Path(name).name}: {line}" for name, lines in report.refused.items() for line in lines
    ]
    if refused:
        text += "\n\n" + ngettext(
            "{n} change refused:", "{n} changes refused:", len(refused)
        ).format(n=len(refused))
        text += "".join(f"\n• {line}" for line in refused[:8])
    messages.show_info(qt(window), _("Import"), text)


def import_form(window: MainWindow) -> None:
    name, _filter = QFileDialog.getOpenFileName(
        qt(window), _("Import form"), str(Path.home()), _("XLSForm workbooks (*.xlsx)")
    )
    if name:
        import_form_path(window, Path(name))


def import_form_path(window: MainWindow, path: Path) -> Task:
    """Add the form in an XLSForm workbook; its problems (errors first) shown in one message."""

    def operation(store):
        from gcm_collect.ops.forms import import_form as run_import

        return run_import(store, path)

    def done(imported) -> None:
        broadcast(imported.changed)
        if imported.new:
            text = _("Form {form_id} version {version} was added: new submissions can use it.")
        else:
            text = _("Form {form_id} version {version} is already in this database.")
        text = text.format(form_id=imported.form_id, version=imported.version)
        if imported.warnings:
            text += "\n\n" + ngettext(
                "{n} warning:", "{n} warnings:", len(imported.warnings)
            ).format(n=len(imported.warnings))
            text += "".join(f"\n• {line}" for line in imported.warnings[:8])
        messages.show_info(qt(window), _("Import form"), text)

    return run_task(
        qt(window), _("Importing the form…"), _on_own_connection(window, operation), done
    )


def backup(window: MainWindow) -> None:
    suggested = Path.home() / f"gcm-collect-backup-{window.store.now()[:10]}.sqlite"
    name, _filter = QFileDialog.getSaveFileName(
        qt(window), _("Back up"), str(suggested), _("Database copies (*.sqlite)")
    )
    if name:
        backup_to(window, Path(name))


def backup_to(window: MainWindow, target: Path) -> Task:
    def done(path) -> None:
        window.update_status()  # the time of the backup, which the operation recorded
        window.statusBar().showMessage(_("Backed up to {path}").format(path=path), 8000)

    def operation(store):
        from gcm_collect.ops.backups import back_up

        return back_up(store, target)

    job = _on_own_connection(window, operation)
    return run_task(qt(window), _("Backing up…"), job, done)


def export(window: MainWindow) -> None:
    from gcm_collect.app.export_dialog import ExportDialog

    dialog = ExportDialog(window.store, qt(window), state=window.filter_values().get("state"))

    def exported(done) -> None:
        summary = done.summary
        broadcast(done.changed)  # the built-in survey may have been stored or updated first
        window.statusBar().showMessage(
            ngettext(
                "Exported {n} submission to {path}",
                "Exported {n} submissions to {path}",
                summary.submissions,
            ).format(n=summary.submissions, path=summary.path),
            10000,
        )

    dialog.exported.connect(exported)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def consolidate(window: MainWindow) -> None:
    from gcm_collect.app.consolidate_dialog import ConsolidateDialog

    dialog = ConsolidateDialog(qt(window), window.store.path)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def open_for_review(window: MainWindow) -> Task | None:
    """File ▸ Open for review: an export or regional workbook, verified, read only in the form
    view, to comment on and decide (ops/reviewing.py)."""
    name, _filter = QFileDialog.getOpenFileName(
        qt(window), _("Open for review"), str(Path.home()), _("Reviewed workbooks (*.xlsx)")
    )
    return open_for_review_path(window, Path(name)) if name else None


def open_for_review_path(window: MainWindow, path: Path) -> Task:
    def operation(store, progress, cancelled):
        from gcm_collect.ops.reviewing import open_for_review as run

        return run(store, path, progress=progress, cancel=cancelled)

    def done(opened) -> None:
        from gcm_collect.app.review_window import ReviewWindow
        from gcm_collect.store import Store

        for shown in qt(window).findChildren(ReviewWindow):
            if shown.scratch.is_open and shown.scratch.path == opened.scratch:
                # One window per review: a second would show decisions the first changed.
                shown.retranslate()
                shown.raise_()
                shown.activateWindow()
                return
        review = ReviewWindow(window.store, Store.open(opened.scratch), qt(window))
        review.show()

    job = _on_own_connection(window, operation, follows=True)
    return run_task(qt(window), _("Reading the workbook…"), job, done)


def return_reviews(window: MainWindow) -> None:
    """File ▸ Return reviews: a reviewed workbook's decisions and comments, one signed return
    file per State and period, in a folder the reviewer chooses, signed by the reviewer named
    at the level chosen (gcm-collect return --reviewer --level)."""
    from gcm_collect.app.return_dialog import ReturnDialog
    from gcm_collect.ops.forms import who

    dialog = ReturnDialog(qt(window), reviewer=who(window.store))

    def chosen() -> None:
        choice = dialog.choice()
        return_reviews_to(
            window, choice.reviewed, choice.folder, reviewer=choice.reviewer, level=choice.level
        )

    dialog.accepted.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def return_reviews_to(
    window: MainWindow,
    reviewed: Path,
    folder: Path,
    *,
    reviewer: str | None = None,
    level: str | None = None,
) -> Task:
    def operation(store):
        from gcm_collect.ops.review import return_reviews as run
        from gcm_collect.vocabulary import REGIONAL

        return run(store, reviewed, folder, reviewer=reviewer or None, level=level or REGIONAL)

    def done(result) -> None:
        messages.show_info(
            qt(window), _("Return reviews"), "\n".join(result.lines + result.problems)
        )

    return run_task(
        qt(window), _("Writing return files…"), _on_own_connection(window, operation), done
    )


# -- settings and help -------------------------------------------------------------------


def preferences(window: MainWindow, *, first_run: bool = False) -> None:
    from gcm_collect.app.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.store, qt(window), first_run=first_run)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def set_language(window: MainWindow, code: str) -> None:
    from gcm_collect.app.languages import switch_language

    switch_language(window.store, code)


def about(window: MainWindow) -> None:
    box = QMessageBox(qt(window))
    box.setWindowTitle(_("About GCM Collect"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(
        _(
            "GCM Collect {version}\n\nOffline collection of State-level surveys of practices "
            "implementing the Global Compact for Safe, Orderly and Regular Migration."
        ).format(version=__version__)
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
