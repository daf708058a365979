"""Each input workbook is opened once, whatever reads it: the container and cell checks, the
digest, python-calamine and the formula scan share one handle (an input on a slow network
share is read once, and a file swapped between two reads cannot pass one check and fail
another)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import export_of, variant

pytestmark = pytest.mark.slow  # a workbook written and read

COUNT_OPENS = """
import sys
from pathlib import Path
from gcm_collect.consolidate.inputs import load_here
from gcm_collect.export.importer import stream_here
path = Path(sys.argv[1])
opens = []


def count(event, args):
    if event == "open" and args and str(args[0]) == str(path):
        opens.append(1)


sys.addaudithook(count)
load_here(path)
consolidated = len(opens)
for _item in stream_here(path):
    pass
print(consolidated, len(opens) - consolidated)
"""


def test_an_input_is_opened_once_to_consolidate_and_once_to_import(tmp_path):
    path = export_of(tmp_path, "a.xlsx", [variant(1)])
    # In a child process: an audit hook cannot be removed once added.
    done = subprocess.run(
        [sys.executable, "-c", COUNT_OPENS, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "1"]
