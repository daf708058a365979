"""Every window and dialog fits a 1366x768 laptop screen, less the taskbar (40 px) and a
title bar (48 px), in each of the six languages: the smallest size it can be shown at
(minimumSizeHint, all its parts laid out) and its default size."""

from __future__ import annotations

import pytest
from app_helpers import add_minimal, app_windows

from gcm_collect.i18n import set_language

ROOM_W, ROOM_H = 1366 - 16, 768 - 40 - 48


@pytest.mark.parametrize("lang", ["en", "ar", "zh", "fr", "ru", "es"])
def test_every_window_fits_1366x768(qtbot, store, lang):
    from gcm_collect.app import languages

    add_minimal(store, 3)
    languages.install()
    set_language(lang)
    too_big = {}
    try:
        for name, window in app_windows(store).items():
            qtbot.addWidget(window)
            window.show()
            for what, size in (("smallest", window.minimumSizeHint()), ("shown", window.size())):
                if size.width() > ROOM_W or size.height() > ROOM_H:
                    too_big[f"{name} ({what})"] = (size.width(), size.height())
            window.close()
    finally:
        set_language("en")
    assert too_big == {}
