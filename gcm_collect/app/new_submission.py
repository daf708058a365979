"""The new-submission dialog: form, State (search as you type), review region, period, focal point.

It only gathers and checks the choices; ``gcm_collect.ops.submissions.new_submission`` creates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.buttons import ButtonTexts
from gcm_collect.app.states_model import ISO3_ROLE, StateFilter, StatesModel
from gcm_collect.app.uiloader import load_ui, retranslate_ui
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.i18n import N_, _, language, latin_digits
from gcm_collect.ops.submissions import (
    OfficerProfile,
    default_region,
    get_profile,
    period_problem,
)
from gcm_collect.reference import commissions, reviews_of
from gcm_collect.store import Store


@dataclass(frozen=True)
class NewSubmissionChoice:
    form_id: str
    form_version: str
    state: str
    region: str
    period: str
    focal_point: OfficerProfile


if TYPE_CHECKING:  # load_ui sets the Designer file's children as attributes: their types
    from gcm_collect.app.designer.new_submission import Ui_NewSubmissionDialog
else:
    Ui_NewSubmissionDialog = object


class NewSubmissionDialog(QDialog, Ui_NewSubmissionDialog):  # the Ui class: for the type checker
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_ui("new_submission.ui", self)
        self.store = store
        self.states = StatesModel(self)
        self.filter = StateFilter(self.states, self)
        self.stateList.setModel(self.filter)
        self.stateList.selectionModel().currentChanged.connect(self._state_changed)
        self.stateSearch.textChanged.connect(self._search)
        self.regionCombo.currentIndexChanged.connect(self._check)
        self.periodEdit.textChanged.connect(self._check)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        ButtonTexts(self.buttonBox, ok=N_("Create"))
        self.periodEdit.setText(str(datetime.date.today().year - 1))
        profile = get_profile(store) or OfficerProfile()
        self.focalName.setText(profile.name)
        self.focalPosition.setText(profile.position)
        self.focalEmail.setText(profile.email)
        self.retranslate()  # also fills the Form combo
        self.stateSearch.setFocus()

    # -- choices ---------------------------------------------------------------------------

    def _fill_forms(self) -> None:
        # Also on a language switch (the built-in form's name is translated): keep the choice.
        chosen = self.formCombo.currentData()
        builtin = builtin_form()
        lang = language()
        self.formCombo.clear()
        self.formCombo.addItem(builtin.label(lang)[0], (builtin.form_id, builtin.version))
        for record in self.store.list_forms():
            key = (record.form_id, record.version)
            if key != (builtin.form_id, builtin.version):
                self.formCombo.addItem(f"{record.title} ({record.version})", key)
        # findData() cannot match the (form_id, version) tuples: compare them here.
        keys = [self.formCombo.itemData(i) for i in range(self.formCombo.count())]
        self.formCombo.setCurrentIndex(keys.index(chosen) if chosen in keys else 0)

    def _search(self, text: str) -> None:
        self.filter.set_text(text)
        # The first match is chosen at once: typing "sene" and Enter is enough.
        if self.filter.rowCount() and not self._current_state_visible():
            first = self.filter.index(0, 0)
            self.stateList.selectionModel().setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        elif not self.filter.rowCount():
            self._state_changed()

    def _current_state_visible(self) -> bool:
        current = self.stateList.currentIndex()
        return current.isValid()

    def select_state(self, iso3: str) -> None:
        row = self.states.row_of(iso3)
        if row is None:
            return
        self.stateSearch.clear()
        index = self.filter.mapFromSource(self.states.index(row, 0))
        self.stateList.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.stateList.scrollTo(index)

    def state(self) -> str | None:
        current = self.stateList.currentIndex()
        return current.data(ISO3_ROLE) if current.isValid() else None

    def _state_changed(self, *args: object) -> None:
        iso3 = self.state()
        self.regionCombo.blockSignals(True)
        self.regionCombo.clear()
        regions = reviews_of(iso3) if iso3 else ()
        if iso3 and regions and default_region(iso3) is None:
            # Several commissions: the officer must choose; no silent default.
            self.regionCombo.addItem(_("Choose the regional review…"), None)
        lang = language()
        named_by_code = {c.code: c for c in commissions()}
        for code in regions:
            named = named_by_code.get(code)
            label = f"{code} – {named.name(lang)}" if named else code
            self.regionCombo.addItem(label, code)
        self.regionCombo.setEnabled(len(regions) > 1)
        self.regionCombo.blockSignals(False)
        self._check()

    def region(self) -> str | None:
        return self.regionCombo.currentData()

    def choice(self) -> NewSubmissionChoice | None:
        """What the officer chose, or None while something is missing."""
        state, region = self.state(), self.region()
        if self.problem() is not None or state is None or region is None:
            return None
        form_id, version = self.formCombo.currentData()
        return NewSubmissionChoice(
            form_id=form_id,
            form_version=version,
            state=state,
            region=region,
            period=latin_digits(self.periodEdit.text()).strip(),
            focal_point=OfficerProfile(
                self.focalName.text().strip(),
                self.focalPosition.text().strip(),
                self.focalEmail.text().strip(),
            ),
        )

    def problem(self) -> str | None:
        if not self.state():
            return _("Choose the reporting State.")
        if not self.region():
            return _("Choose the regional review.")
        # The same rule as ops.new_submission, shown here before Create is pressed.
        return period_problem(self.periodEdit.text())

    def _check(self, *args: object) -> None:
        problem = self.problem()
        self.problemLabel.setText(problem or "")
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()

    def retranslate(self) -> None:
        retranslate_ui(self)
        self._fill_forms()
        chosen, region = self.state(), self.region()
        self.states.retranslate()
        if chosen:
            self.select_state(chosen)
            index = self.regionCombo.findData(region)
            if index >= 0:
                self.regionCombo.setCurrentIndex(index)
        self._check()
        name_by_visible_words(self)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Down arrow from the search field walks the matches without leaving the keyboard.
        if self.stateSearch.hasFocus() and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.stateList.setFocus()
            self.stateList.keyPressEvent(event)
            return
        # Enter in the search (or the list) takes the highlighted State and moves on to the
        # next field; it never creates the submission from a search the officer has not seen
        # settle. Create is pressed, or Enter given, from the other fields.
        in_state = self.stateSearch.hasFocus() or self.stateList.hasFocus()
        if in_state and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.state() is not None:
                self.stateList.scrollTo(self.stateList.currentIndex())
                following = self.regionCombo if self.regionCombo.isEnabled() else self.periodEdit
                following.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)
