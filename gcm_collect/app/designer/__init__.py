"""The Designer files of ``ui/``, compiled by ``make ui`` (gcm_collect.app.compile_ui).

Generated: edit the ``.ui`` file in Qt Designer, then run ``make ui``. A test fails while a
compiled module is older than its ``.ui`` file.
"""
