"""The alliances' pages, spliced into ``translink.urls``."""

from __future__ import annotations

from django.urls import path

from translink.alliances import agreement_views, views

urlpatterns = [
    path("alliances/", views.pipeline, name="pipeline"),
    path("alliances/new/", views.alliance_new, name="alliance_new"),
    path("alliances/gates/", views.gates, name="alliance_gates"),
    path("alliances/funnel/", agreement_views.funnel, name="alliance_funnel"),
    path("alliances/export.csv", agreement_views.alliances_export, name="alliances_export"),
    path("alliances/calendar.ics", agreement_views.calendar_feed, name="alliances_calendar"),
    path("alliances/<int:pk>/", views.alliance, name="alliance"),
    path("alliances/<int:pk>/move/", views.alliance_move, name="alliance_move"),
    path("alliances/<int:pk>/funding/", views.alliance_funding, name="alliance_funding"),
    path(
        "alliances/<int:pk>/transferred/", views.alliance_transferred, name="alliance_transferred"
    ),
    path("reviews/", views.inbox, name="review_inbox"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("agreements/", agreement_views.agreements, name="agreements"),
    path("agreements/new/", agreement_views.agreement_new, name="agreement_new"),
    path("agreements/export.csv", agreement_views.agreements_export, name="agreements_export"),
    path("agreements/<int:pk>/", agreement_views.agreement, name="agreement"),
    path("agreements/<int:pk>/log/", agreement_views.agreement_log, name="agreement_log"),
    path(
        "funding/milestones/<int:pk>/received/",
        agreement_views.milestone_received,
        name="milestone_received",
    ),
]
