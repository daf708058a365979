"""The Qt item models behind the view's lists pass qtmodeltester."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_navigator_problem_list_and_entry_list_models(qtmodeltester, nearly_done, open_view):
    view = open_view(nearly_done)
    view.show_section("practices_section")
    qtmodeltester.check(view.navigator.model())
    qtmodeltester.check(view.problems.model())
    qtmodeltester.check(view.ctrl.parts["practices"].list.model())
