"""A test-only URL configuration with two deliberate mistakes the harness must catch."""

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


urlpatterns = [
    path("unprotected/", unprotected),
    path("leaky/<int:pk>/", leaky),
    *real_patterns,
]
