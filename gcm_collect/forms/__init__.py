"""XLSForm engine: the immutable Form model, the reader/writer, expressions and validation."""

from gcm_collect.forms.evaluate import Evaluation, Session, evaluate
from gcm_collect.forms.evaluate import Problem as AnswerProblem
from gcm_collect.forms.expressions import ExpressionError
from gcm_collect.forms.files import FileRef, file_ref, parse_file_value
from gcm_collect.forms.metadata import instance_title, metadata_values
from gcm_collect.forms.model import (
    METADATA_TYPES,
    OTHER_CHOICE,
    QUESTION_TYPES,
    Choice,
    ChoiceList,
    Expression,
    Form,
    Group,
    Item,
    Question,
    Text,
)
from gcm_collect.forms.paths import make_path, parse_path
from gcm_collect.forms.problems import FormError
from gcm_collect.forms.problems import Problem as FormProblem
from gcm_collect.forms.sheets import check_sheets, form_from_sheets
from gcm_collect.forms.xlsform import check_xlsform, load_xlsform, read_xlsform, write_xlsform

__all__ = [
    "METADATA_TYPES",
    "OTHER_CHOICE",
    "QUESTION_TYPES",
    "AnswerProblem",
    "Choice",
    "ChoiceList",
    "Evaluation",
    "Expression",
    "ExpressionError",
    "FileRef",
    "Form",
    "FormError",
    "FormProblem",
    "Group",
    "Item",
    "Question",
    "Session",
    "Text",
    "check_sheets",
    "check_xlsform",
    "evaluate",
    "file_ref",
    "instance_title",
    "metadata_values",
    "parse_file_value",
    "form_from_sheets",
    "make_path",
    "parse_path",
    "load_xlsform",
    "read_xlsform",
    "write_xlsform",
]
