"""The Designer-file extractor: every translatable ``<string>``, never a ``notr`` one."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir

from gcm_collect.i18n.extract_ui import extract_ui

ROOT = Path(__file__).resolve().parents[2]

UI = b"""<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <widget class="QDialog" name="D">
  <property name="windowTitle">
   <string>Export &amp; more</string>
  </property>
  <action name="a">
   <property name="text">
    <string comment="menu entry">&amp;Open</string>
   </property>
   <property name="shortcut">
    <string notr="true">Ctrl+O</string>
   </property>
  </action>
  <property name="x"><string></string></property>
 </widget>
</ui>
"""


def test_strings_are_extracted_with_lines_and_comments():
    found = list(extract_ui(io.BytesIO(UI), [], [], {}))
    assert [(m, c) for _line, _f, m, c in found] == [
        ("Export & more", []),
        ("&Open", ["menu entry"]),
    ]
    assert [line for line, *_ in found] == [5, 9]


def test_the_projects_ui_files_go_through_babel_with_babel_cfg():
    method_map = [("**.ui", "gcm_ui")]
    messages = {m[2] for m in extract_from_dir(str(ROOT / "ui"), method_map)}
    assert "&New submission…" in messages
    assert "Search States" in messages
    assert "Ctrl+N" not in messages
    assert "[gcm_ui: **.ui]" in (ROOT / "babel.cfg").read_text(encoding="utf-8")
