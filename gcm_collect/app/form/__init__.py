"""The form view: one submission's questions, autosaved as they are answered."""

from gcm_collect.app.form.view import FormView

__all__ = ["FormView"]
