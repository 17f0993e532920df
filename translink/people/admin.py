from __future__ import annotations

from django.contrib import admin

from translink.lib.admin import ViewOnlyAdmin
from translink.people.models import Department, Publication, Researcher


@admin.register(Department)
class DepartmentAdmin(ViewOnlyAdmin):
    list_display = ("name", "code")


@admin.register(Researcher)
class ResearcherAdmin(ViewOnlyAdmin):
    list_display = ("full_name", "title", "email", "open_to_industry")
    list_filter = ("open_to_industry", "departments")
    search_fields = ("full_name", "email")


@admin.register(Publication)
class PublicationAdmin(ViewOnlyAdmin):
    list_display = ("title", "journal", "year", "pmid")
    search_fields = ("title", "pmid", "doi")
