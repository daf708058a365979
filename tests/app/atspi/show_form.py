"""Run by the AT-SPI test, in its own process under Xvfb and a session bus: the form window on a
draft with a wrong e-mail, marked complete so every problem shows. Writes what the app means to
say (names, problems) to ``expected.json`` once shown, then waits until ``stop`` exists."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenuBar, QWidget


def main(lang: str, folder: Path, fresh: bool = False) -> int:
    """``fresh``: an empty draft, focus in its first text field, for a listen with Orca."""
    app = QApplication(sys.argv[:1])
    from gcm_collect.app import languages
    from gcm_collect.app.a11y import plain
    from gcm_collect.app.form import FormView
    from gcm_collect.app.main_window import MainWindow
    from gcm_collect.i18n import set_language
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.store import Store

    languages.install()
    set_language(lang)
    store = Store.open(folder / "officer.sqlite3")
    form = ensure_builtin(store)
    uuid = store.create_submission(
        form_id=form.form_id, form_version=form.version, state="FRA", region="ECE", period="2025"
    )
    store.set_answer(uuid, "state", "FRA", who="test")
    if not fresh:
        store.set_answer(uuid, "focal_point_email", "amina.example.org", who="test")
    view = FormView(store, uuid)
    view.show()
    if fresh:  # once the window has the focus: the lead entity field, typed into first
        QTimer.singleShot(1500, lambda: view.jump_to("lead_entity"))
    else:
        view.mark_complete()  # every problem on show, "required" ones too
        view.jump_to("focal_point_email")
    parts = view.ctrl.parts
    expected = {
        path: {
            "name": parts[path].accessible_name(),
            "label": parts[path].label.text(),
            "problem": parts[path].message.text(),
        }
        for path in ("focal_point_email", "lead_entity", "review_region")
    }

    expected["announced"] = view.message.text()
    main = None
    if not fresh:  # the main window too: its menus, read as a screen reader reads them
        main = MainWindow(store)
        main.show()
        expected["menus"] = [
            [action.text(), plain(action.text())]
            for window in (main, view)
            for bar in window.findChildren(QMenuBar)
            for action in _menu_actions(bar)
            if not action.isSeparator()
        ]

    def ready() -> None:
        (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")

    def stop_when_told() -> None:
        if (folder / "stop").exists():
            app.quit()

    QTimer.singleShot(500, ready)
    again = QTimer(app)  # a status line message, announced again and again for a listener
    again.timeout.connect(view.mark_complete)
    if not fresh:
        again.start(500)
    poll = QTimer(app)
    poll.timeout.connect(stop_when_told)
    poll.start(200)
    QTimer.singleShot(120_000, app.quit)  # never left behind
    app.exec()
    if main is not None:
        main.close()
    view.close()
    store.close()
    return 0


def _menu_actions(menu: QWidget):
    for action in menu.actions():
        yield action
        if action.menu() is not None:
            yield from _menu_actions(action.menu())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), "fresh" in sys.argv[3:]))
