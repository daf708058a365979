"""A small form written the way KoboToolbox and ODK forms are: metadata rows first, then the
newer question types, and an instance_name. Written with openpyxl, read back by the engine."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gcm_collect.forms import Form, read_xlsform
from gcm_collect.store import Store

SURVEY = [
    ("type", "name", "label::English (en)", "label::Français (fr)", "parameters", "required"),
    ("start", "start", "", "", "", ""),
    ("end", "end", "", "", "", ""),
    ("today", "today", "", "", "", ""),
    ("deviceid", "deviceid", "", "", "", ""),
    ("username", "username", "", "", "", ""),
    ("audit", "audit", "", "", "", ""),
    ("begin_group", "main", "Practice", "Pratique", "", ""),
    ("text", "practice", "Name of the practice", "Nom de la pratique", "", "yes"),
    ("time", "opens", "Opening time", "Heure d'ouverture", "", ""),
    ("dateTime", "launched", "Launched at", "Lancée le", "", ""),
    ("range", "score", "Score", "Note", "start=0 end=10 step=2", ""),
    ("range", "share", "Share", "Part", "start=0 end=1 step=0.25", ""),
    ("rank priorities", "priorities", "Priorities", "Priorités", "", ""),
    ("file", "plan", "Action plan", "Plan d'action", "", ""),
    ("end_group", "main", "", "", "", ""),
]
CHOICES = [
    ("list_name", "name", "label::English (en)", "label::Français (fr)"),
    ("priorities", "health", "Health", "Santé"),
    ("priorities", "work", "Work", "Travail"),
    ("priorities", "school", "School", "École"),
]
SETTINGS = [
    ("form_title", "form_id", "version", "default_language", "instance_name"),
    ("Kobo-style", "kobo_style", "1", "English (en)", "concat(${practice}, ' / ', ${today})"),
]


def write_form(folder: Path) -> Path:
    book = Workbook()
    for title, rows in (("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS)):
        sheet = book.active if title == "survey" else book.create_sheet(title)
        sheet.title = title
        for row in rows:
            sheet.append(list(row))
    path = folder / "kobo_style.xlsx"
    book.save(path)
    return path


def import_form(store: Store, folder: Path) -> Form:
    form = read_xlsform(write_form(folder))
    store.save_form(form.form_id, form.version, form.content_hash, "Kobo-style", form.to_json())
    return form


def new_draft(store: Store, form: Form) -> str:
    return store.create_submission(
        form_id=form.form_id, form_version=form.version, state="FRA", region="ECE", period="2025"
    )
