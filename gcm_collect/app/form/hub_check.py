"""The Migration Network Hub's checklist on each practice of the submission open in the form
window (the check ``gcm-collect hub`` writes to its Checklist sheet), to fix before sending."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gcm_collect.i18n import _, is_rtl
from gcm_collect.ops.documents import hub_check
from gcm_collect.store import Store

FLAG = "#b3261e"


def hub_check_html(store: Store, uuid: str, lang: str) -> str:
    e = html.escape
    out = []
    practices = hub_check(store, uuid, lang)
    for p in practices:
        heading = _("Practice {number}: {title}").format(number=p.number, title=p.values[0] or "—")
        out.append(f"<h3>{e(heading)}</h3>")
        if p.passed:
            passed = _("Meets every criterion of the Hub checked here.")
            out.append(f"<p>\u2714 {e(passed)}</p>")
            continue
        out.append("<ul>")
        for v in p.verdicts:
            if not v.passed:
                why = f'<span style="color:{FLAG};">{e(v.why)}</span>'
                out.append(f"<li><b>{e(v.criterion)}</b>: {why}</li>")
        out.append("</ul>")
    if not practices:
        nothing = _("No practice yet.")
        out.append(f"<p>{e(nothing)}</p>")
    return "\n".join(out)


class HubCheckDialog(QDialog):
    def __init__(self, store: Store, uuid: str, lang: str, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("hubCheckDialog")
        self.setWindowTitle(_("Check practices for the Hub"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setObjectName("hubCheckText")
        self.text.setAccessibleName(_("Check practices for the Hub"))
        self.text.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight
        )
        self.text.setHtml(hub_check_html(store, uuid, lang))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
