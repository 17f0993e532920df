"""Forms and actions: errors raised by actions carried back onto the field they concern, and
only what the person changed passed on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError


def apply_errors(form: forms.BaseForm, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error))
        return
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def remember_shown(form: forms.BaseForm) -> None:
    """Have the form carry, in hidden inputs, the values it was shown with, so that
    :func:`changes` gives only what the person changed: a page left open while someone
    else saved does not write its stale values back over theirs."""
    for field in form.fields.values():
        field.show_hidden_initial = True


def changes(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned values of the fields the person changed on the page."""
    return {name: form.cleaned_data[name] for name in form.changed_data}
