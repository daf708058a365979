"""The built-in survey as it was in version 2026.1, kept unchanged.

Submissions made with 2026.1 name this version: a database or a JSON Lines file that has never
seen its definition still opens, exports and consolidates them with it. Never edit these files;
a changed survey is a new version in the folder above.
"""
