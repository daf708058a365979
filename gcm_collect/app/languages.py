"""The app language at run time: switch, remember, mirror for Arabic, retranslate every window."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from gcm_collect.i18n import is_rtl, language, translator

_installed = False

_qt_translator: QTranslator | None = None
# Qt ships its own catalogs by locale; Chinese comes as zh_CN (Simplified, the UN's) and zh_TW.
QT_CATALOG = {"zh": "zh_CN"}


def apply_language(app: QApplication, code: str) -> None:
    """Direction, Qt's own strings (standard buttons, dialogs) and locale follow the language."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
    _qt_translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if _qt_translator.load(f"qtbase_{QT_CATALOG.get(code, code)}", folder):
        app.installTranslator(_qt_translator)
    QLocale.setDefault(QLocale(code))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl(code) else Qt.LayoutDirection.LeftToRight
    )


def install() -> None:
    """Follow every language change (once per process): Qt's own strings, direction, and a
    ``retranslate()`` of every visible top-level window that has one."""
    global _installed
    if not _installed:
        translator.on_change(_changed)
        _installed = True


def _changed(code: str) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    apply_language(app, code)
    # Visible windows now; a hidden one retranslates when shown again (see MainWindow).
    for widget in app.topLevelWidgets():
        retranslate = getattr(widget, "retranslate", None)
        if callable(retranslate) and widget.isVisible():
            retranslate()


def switch_language(store, code: str) -> None:
    """Change the app language now and remember it for the next start."""
    install()
    store.set_setting("language", code)
    if code != language():
        translator.set_language(code)
