"""The one way fixed windows are built: Qt Designer files from ``ui/``, compiled ahead of time.

``load_ui(name, base)`` builds the form compiled from ``ui/<name>`` (``make ui``, see
``compile_ui``) *into* ``base``, an instance of the file's top-level class, the way a ``uic``
mix-in class does: every named child becomes an attribute of ``base``. Texts in ``.ui`` files
are English source strings; the ``gcm_ui`` Babel extractor puts them in the catalogs and
``retranslate_ui`` shows them through ``_``, so a language switch at run time reaches Designer
texts too.
"""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMenu, QTableWidget, QTabWidget, QWidget
from shiboken6 import isValid

from gcm_collect.i18n import _

# Properties holding user-visible text. Shortcuts are left alone: they are not language.
TEXT_PROPERTIES = (
    "text",
    "title",
    "windowTitle",
    "toolTip",
    "statusTip",
    "whatsThis",
    "placeholderText",
    "accessibleName",
    "accessibleDescription",
    "suffix",
    "prefix",
    "specialValueText",
    "format",
    "labelText",
    "cancelButtonText",
)
# Dynamic Qt properties (kept by the C++ object, whatever happens to Python wrappers) hold each
# text's English source: ``gcm_src:<property>``.
_PREFIX = "gcm_src:"
_RECORDED = "gcm_src_recorded"
# The Designer-built objects of a loaded window, kept on the window: walking them is much cheaper
# than ``findChildren`` (which wraps every inner scroll bar, model and delegate in Python).
_LOADED = "_gcm_ui_objects"


def load_ui(name: str, base: QWidget) -> QWidget:
    """Build the form compiled from ``ui/<name>`` into ``base``, in the current language.

    Its named children become attributes of ``base``.
    """
    module = import_module(f"gcm_collect.app.designer.{name.removesuffix('.ui')}")
    (form,) = (value for key, value in vars(module).items() if key.startswith("Ui_"))
    built = form()
    built.setupUi(base)
    objects: list[QObject] = [base]
    for key, value in vars(built).items():
        if isinstance(value, QObject):
            # A child named like a method ("statusBar", "refresh") would hide it: a Designer
            # file to fix, told on the first run of any test that opens the window.
            if hasattr(type(base), key):
                raise ValueError(f"ui/{name}: {key} hides {type(base).__name__}.{key}()")
            setattr(base, key, value)
        if isinstance(value, (QWidget, QAction)):
            objects.append(value)
    setattr(base, _LOADED, objects)
    _record_objects(objects)
    _retranslate_objects(objects, only_changed=True)
    return base


def _objects(root: QObject) -> list[QObject]:
    loaded = getattr(root, _LOADED, None)
    if loaded is not None:
        return [obj for obj in loaded if isValid(obj)]  # a Designer child deleted since: skip
    found: list[QObject] = [root]
    found.extend(root.findChildren(QObject))
    return found


def record_ui(root: QObject) -> None:
    """Remember the English source of every Designer text under ``root`` (once, at load).

    Widgets created later in code are not recorded: they set their own texts with ``_``.
    """
    _record_objects(_objects(root))


def _record_objects(objects: list[QObject]) -> None:
    for obj in objects:
        if isinstance(obj, (QWidget, QAction)) and not obj.property(_RECORDED):
            for key, source in _record(obj).items():
                obj.setProperty(_PREFIX + key, source)
            obj.setProperty(_RECORDED, True)


def retranslate_ui(root: QObject) -> None:
    """Show every recorded Designer text under ``root`` in the current language.

    The English source is translated each time, so switching back and forth never translates
    a translation.
    """
    _retranslate_objects(_objects(root))


def _retranslate_objects(objects: list[QObject], *, only_changed: bool = False) -> None:
    # ``only_changed``: right after loading every text is still its English source, so only
    # texts with a translation different from the source need setting.
    for obj in objects:
        if not isinstance(obj, (QWidget, QAction)) or not obj.property(_RECORDED):
            continue
        for raw in obj.dynamicPropertyNames():
            name = bytes(raw.data()).decode()
            if name.startswith(_PREFIX):
                source = obj.property(name)
                text = _(source) if source else source
                if not only_changed or text != source:
                    _apply(obj, name[len(_PREFIX) :], text)


def _record(obj: QObject) -> dict[str, str]:
    sources: dict[str, str] = {}
    meta = obj.metaObject()
    for prop in TEXT_PROPERTIES:
        if meta.indexOfProperty(prop) < 0:
            continue
        value = obj.property(prop)
        if isinstance(value, str) and value:
            sources[prop] = value
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            if obj.itemText(i):
                sources[f"item:{i}"] = obj.itemText(i)
    if isinstance(obj, QTabWidget):
        for i in range(obj.count()):
            sources[f"tab:{i}"] = obj.tabText(i)
    if isinstance(obj, QTableWidget):
        for i in range(obj.columnCount()):
            item = obj.horizontalHeaderItem(i)
            if item is not None and item.text():
                sources[f"header:{i}"] = item.text()
    if isinstance(obj, QMenu):
        sources.pop("title", None)
        if obj.title():
            sources["title"] = obj.title()
    return sources


def _apply(obj: QObject, key: str, text: str) -> None:
    if key.startswith("item:") and isinstance(obj, QComboBox):
        obj.setItemText(int(key[5:]), text)
    elif key.startswith("header:") and isinstance(obj, QTableWidget):
        item = obj.horizontalHeaderItem(int(key[7:]))
        if item is not None:
            item.setText(text)
    elif key.startswith("tab:") and isinstance(obj, QTabWidget):
        obj.setTabText(int(key[4:]), text)
    else:
        obj.setProperty(key, text)
