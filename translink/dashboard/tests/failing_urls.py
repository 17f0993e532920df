"""A test-only URL configuration with a page that fails, to see what the visitor gets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from translink.accounts.policy import signed_in
from translink.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]


@signed_in()
def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail: CANARY-TRACE")


urlpatterns = [path("broken/", broken), *urlpatterns]
