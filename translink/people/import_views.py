"""The staff upload page for imports: the same imports as the commands, from a browser."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.models import Role
from translink.accounts.policy import signed_in
from translink.people.imports import MAX_UPLOAD_BYTES, ImportKind, ImportRefused, import_file


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of file", choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label="File",
        help_text=f"At most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. A file with any bad row "
        "is refused whole, and the bad rows are listed.",
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: "
                "import it with the manage.py command instead."
            )
        return upload


@signed_in(Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR)
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: the import's report, or every bad row (422) and nothing stored."""
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    context: dict[str, Any] = {"form": form}
    status = 200
    if posted and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            context["report"] = import_file(request.user, form.cleaned_data["kind"], data)  # type: ignore[arg-type]
        except ImportRefused as refused:
            context["refused"] = refused
            status = 422
        context["file_name"] = form.cleaned_data["file"].name
    return render(request, "people/import.html", context, status=status)
