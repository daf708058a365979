"""Shared rows of the test XLSForm corpus."""

EN, FR = "label::English (en)", "label::Français (fr)"

FULL_SURVEY = [
    {
        "type": "text",
        "name": "name",
        EN: "Name",
        FR: "Nom",
        "required": "yes",
        "required_message::English (en)": "Say a name",
        "appearance": "multiline",
        "hint::English (en)": "Full name",
        "hint::Français (fr)": "Nom complet",
    },
    {
        "type": "integer",
        "name": "age",
        EN: "Age",
        "constraint": ". >= 0 and . < 150",
        "constraint_message::English (en)": "0-149",
        "constraint_message::Français (fr)": "0-149 !",
        "default": "30",
    },
    {"type": "decimal", "name": "budget", EN: "Budget", "read_only": "yes"},
    {"type": "date", "name": "when", EN: "When", "default": "today()"},
    {"type": "select_one yn", "name": "has", EN: "Has?", "appearance": "minimal"},
    {
        "type": "select_multiple region or_other",
        "name": "regions",
        EN: "Regions",
        "choice_filter": "group = ${has} or name = 'x'",
        "relevant": "${has} = 'yes'",
    },
    {"type": "note", "name": "intro", EN: "Read this"},
    {"type": "acknowledge", "name": "ok", EN: "I agree", "required": "true()"},
    {
        "type": "begin_group",
        "name": "grp",
        EN: "Group",
        "appearance": "field-list",
        "relevant": "${age} > 17",
    },
    {"type": "begin_repeat", "name": "practices", EN: "Practices", "repeat_count": "${age}"},
    {"type": "text", "name": "title", EN: "Title", "required": "${has} = 'yes'"},
    {"type": "begin repeat", "name": "partners", EN: "Partners"},
    {"type": "text", "name": "partner", EN: "Partner", "relevant": "string-length(${title}) > 0"},
    {"type": "end repeat"},
    {"type": "end_repeat"},
    {"type": "end_group"},
    {"type": "calculate", "name": "n_practices", "calculation": "count(${practices})"},
]
REGION = [
    {"list_name": "region", "name": "x", EN: "X", FR: "X fr", "group": "yes"},
    {"list_name": "region", "name": "y", EN: "Y", FR: "Y fr", "group": "no"},
]


def small_form(path):
    """A real .xlsx holding a survey sheet of two questions; returns its path."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label"])
    ws.append(["text", "a", "A"])
    ws.append(["integer", "b", "B"])
    wb.save(path)
    return path
