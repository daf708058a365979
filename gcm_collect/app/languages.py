"""The app language at run time: switch, remember, mirror for Arabic, retranslate every window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gcm_collect.i18n import LANGUAGES, language, translator

# Each language in its own name, so anyone can find theirs whatever the current language.
NATIVE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
assert set(NATIVE_NAMES) == set(LANGUAGES)

_installed = False


def install() -> None:
    """Follow every language change (once per process): Qt's own strings, direction, and a
    ``retranslate()`` of every visible top-level window that has one."""
    global _installed
    if not _installed:
        translator.on_change(_changed)
        _installed = True


def _changed(code: str) -> None:
    app = QApplication.instance()
    if app is None:
        return
    from gcm_collect.app.application import apply_language

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
