"""GCM Collect: offline collection of State-level surveys of GCM practices."""

import os

__version__ = "0.1.0"

# openpyxl picks lxml when it is installed (python-docx brings it, for the documents); the
# workbook writer streams rows straight into et_xmlfile's writer (workbook/writer.py, the
# fast path of large exports), which lxml's has no equivalent of. Keep openpyxl on the
# standard library's XML, as it was before lxml came, with defusedxml for reading.
os.environ["OPENPYXL_LXML"] = "False"
