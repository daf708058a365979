"""Attachment names from other people's files are shown and suggested as plain file names."""

from __future__ import annotations

import pytest

from gcm_collect.forms import parse_file_value

SHA = "sha256:" + "0" * 64


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../.ssh/authorized_keys", "authorized_keys"),
        ("C:\\Windows\\System32\\drivers\\etc\\hosts", "hosts"),
        ("report\x00.pdf", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # shown as "invoiceexe.pdf" if kept
        ("\u2067evil\u2069 plan.docx", "evil plan.docx"),
        ("a\r\nb.txt", "a b.txt"),
        ("\x1b]0;pwned\x07.pdf", "]0;pwned.pdf"),
        ("..", "file"),
        ('what?<>:"|*.pdf', "what.pdf"),
        ("تقرير الهجرة.pdf", "تقرير الهجرة.pdf"),
        ("移民报告.docx", "移民报告.docx"),
    ],
)
def test_names_lose_paths_controls_and_overrides(name, shown):
    ref = parse_file_value(f"{SHA} 12 {name}")
    assert ref is not None and ref.name == shown


def test_a_declared_size_beyond_a_petabyte_is_not_a_file():
    assert parse_file_value(f"{SHA} {10**26} report.pdf") is None
    assert parse_file_value(f"{SHA} {10**15 - 1} report.pdf").size == 10**15 - 1
