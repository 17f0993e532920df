"""Carry errors raised by actions back onto the form field they concern."""

from __future__ import annotations

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
