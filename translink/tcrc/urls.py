"""The unit's pages, spliced into ``translink.urls``."""

from __future__ import annotations

from django.urls import path

from translink.tcrc import views

urlpatterns = [
    path("tcrc/", views.unit_calendar, name="unit_calendar"),
    path("tcrc/plan/", views.plan, name="tcrc_plan"),
    path("tcrc/closures/", views.closures, name="tcrc_closures"),
    path("tcrc/capacities/", views.capacities, name="tcrc_capacities"),
    path("tcrc/beds/", views.beds, name="tcrc_beds"),
    path("tcrc/beds/new/", views.bed_new, name="tcrc_bed_new"),
    path("tcrc/beds/<int:pk>/equipment/", views.bed_equipment, name="tcrc_bed_equipment"),
    path("tcrc/beds/<int:pk>/retire/", views.bed_retire, name="tcrc_bed_retire"),
    path("tcrc/beds/outages/<int:pk>/back/", views.bed_back, name="tcrc_bed_back"),
    path("tcrc/closures/<int:pk>/reopen/", views.reopen, name="tcrc_reopen"),
    path("tcrc/runs/<int:pk>/", views.plan_run, name="plan_run"),
    path("tcrc/studies/", views.studies, name="tcrc_studies"),
    path("tcrc/studies/<int:pk>/", views.study, name="tcrc_study"),
    path("tcrc/studies/<int:pk>/book/", views.study_book, name="tcrc_study_book"),
    path("tcrc/studies/<int:pk>/record/", views.study_record, name="tcrc_study_record"),
    path("tcrc/cohorts/<int:pk>/", views.cohort, name="tcrc_cohort"),
    path("tcrc/studies/<int:pk>/review/", views.study_review, name="tcrc_study_review"),
    path("tcrc/studies/<int:pk>/trial-events/", views.study_trial_event, name="tcrc_study_event"),
    path("tcrc/studies/<int:pk>/calendar.ics", views.study_calendar, name="tcrc_study_calendar"),
    path("tcrc/quote/", views.quote, name="tcrc_quote"),
]
