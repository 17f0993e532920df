"""A test-only URL configuration with deliberate mistakes the harness must catch."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from translink.accounts.models import Organization
from translink.accounts.policy import object_route
from translink.urls import urlpatterns as real_patterns


def unprotected(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no policy declared here")


@object_route(pk=Organization)
def leaky(request: HttpRequest, pk: int) -> HttpResponse:
    organization = Organization.objects.get(pk=pk)  # the mistake: not through the wall
    return HttpResponse(organization.description)


@object_route(pk=Organization)
def leaky_write(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    if not request.POST.get("description"):
        return HttpResponse("description is required", status=422)
    organization = Organization.objects.get(pk=pk)  # the mistake: not through the wall
    organization.description = request.POST["description"]
    organization.save(update_fields=["description"])
    return HttpResponse("saved")


urlpatterns = [
    path("unprotected/", unprotected),
    path("leaky/<int:pk>/", leaky),
    path("leaky-write/<int:pk>/", leaky_write),
    *real_patterns,
]
