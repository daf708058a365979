"""The command line's output in Arabic, Chinese and Russian whatever the code page: piped or
redirected on Windows, Python writes in the ANSI code page (cp1252 in Western Europe, cp936
in China, cp1251 in Russia) unless told otherwise; PYTHONIOENCODING sets the same here.
The output is UTF-8, always, and never a "'charmap' codec can't encode" crash."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE_PAGES = ["cp1252", "cp936", "cp1251"]


def gcm(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", *args], capture_output=True, env=env
    )


@pytest.mark.parametrize("encoding", CODE_PAGES)
def test_help_in_arabic_is_printed_whatever_the_code_page(encoding):
    done = gcm(encoding, "--lang", "ar", "--help")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # UTF-8, not the code page
    assert any("\u0600" <= c <= "\u06ff" for c in text)
    assert "backup" in text  # the command names stay as typed


@pytest.mark.parametrize("encoding", CODE_PAGES)
def test_an_error_naming_a_chinese_file_is_one_line_whatever_the_code_page(tmp_path, encoding):
    folder = tmp_path / "审查资料"
    folder.mkdir()
    notes = folder / "笔记.sqlite3"
    notes.write_text("这不是数据库\n" * 200, encoding="utf-8")
    done = gcm(
        encoding, "--lang", "ru", "--db", str(notes), "export", "--out", str(folder / "报告.xlsx")
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in err and "codec" not in err
    assert err.count("\n") == 1
    assert str(notes) in err  # the Chinese path, as it is
    assert any("\u0400" <= c <= "\u04ff" for c in err)  # the message in Russian


def test_a_file_name_that_is_not_unicode_is_escaped_not_a_crash(tmp_path):
    # A lone surrogate: a POSIX file name of bytes that are not UTF-8, as Python shows it.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from gcm_collect.terminal import make_streams_printable;"
            "make_streams_printable(); print('نعم \\udcff')",
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").strip() == "نعم \\udcff"
