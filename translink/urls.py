"""Every URL of Translink. Each view declares its wall policy (translink/accounts/policy.py)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from translink.accounts import views as accounts
from translink.alliances.urls import urlpatterns as alliance_urls
from translink.api import api_urls
from translink.audit import views as audit
from translink.dashboard import views as dashboard
from translink.market import views as market
from translink.matching import views as matching
from translink.people import import_views as people_imports
from translink.people import views as people
from translink.regulatory import views as regulatory
from translink.search import views as search
from translink.tcrc.urls import urlpatterns as tcrc_urls

handler500 = "translink.dashboard.views.server_error"

admin.site.site_header = "Translink back office"
admin.site.site_title = "Translink"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("healthz", dashboard.healthz, name="healthz"),
    path("agenda/", dashboard.agenda_page, name="agenda"),
    path("accounts/login/", accounts.login, name="login"),
    path("accounts/logout/", accounts.logout, name="logout"),
    path("accounts/password/change/", accounts.password_change, name="password_change"),
    path(
        "accounts/password/change/done/", accounts.password_change_done, name="password_change_done"
    ),
    path("accounts/password/reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path("invitations/<str:secret>/", accounts.accept_invitation, name="accept_invitation"),
    path("organizations/", accounts.organizations, name="organizations"),
    path("organizations/<int:pk>/", accounts.organization, name="organization"),
    path("organizations/<int:pk>/members/<int:user_pk>/", accounts.member, name="member"),
    path("account/tokens/", accounts.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", accounts.revoke_token, name="revoke_token"),
    path("researchers/", people.directory, name="researchers"),
    path("researchers/export.csv", people.export_directory, name="researchers_export"),
    path("researchers/<int:pk>/", people.profile, name="researcher"),
    path("researchers/<int:pk>/edit/", people.edit_profile, name="edit_profile"),
    path("researchers/import/", people_imports.upload, name="researchers_import"),
    path("search/", search.results, name="search"),
    path("needs/", market.needs_board, name="needs"),
    path("needs/new/", market.need_new, name="need_new"),
    path("needs/<int:pk>/", market.need, name="need"),
    path("needs/<int:pk>/close/", market.need_close, name="need_close"),
    path("needs/<int:pk>/experts/", matching.need_experts, name="need_experts"),
    path("matching/index/", matching.index_status, name="matching_index"),
    path("matching/team/", matching.team_builder, name="team_builder"),
    path(
        "researchers/<int:pk>/suggestions/",
        matching.researcher_suggestions,
        name="researcher_suggestions",
    ),
    path("assets/<int:pk>/companies/", matching.asset_companies, name="asset_companies"),
    path("assets/", market.assets_board, name="assets"),
    path("assets/new/", market.asset_new, name="asset_new"),
    path("assets/<int:pk>/", market.asset, name="asset"),
    path("answers/<int:pk>/", market.interest, name="interest"),
    path("introductions/", market.introductions, name="introductions"),
    path("notifications/", market.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", market.notification_open, name="notification_open"),
    path("regulatory/", regulatory.inds, name="inds"),
    path("regulatory/inds/new/", regulatory.ind_new, name="ind_new"),
    path("regulatory/inds/<int:pk>/", regulatory.ind, name="ind"),
    path(
        "regulatory/inds/<int:pk>/investigators/",
        regulatory.ind_investigator,
        name="ind_investigator",
    ),
    path(
        "regulatory/inds/<int:pk>/safety-reports/",
        regulatory.ind_safety_report,
        name="ind_safety_report",
    ),
    path("regulatory/obligations/<int:pk>/met/", regulatory.obligation_met, name="obligation_met"),
    path("regulatory/calendar/", regulatory.compliance_calendar, name="compliance_calendar"),
    path("regulatory/calendar.ics", regulatory.calendar_feed, name="calendar_feed"),
    *alliance_urls,
    *tcrc_urls,
    path("audit/", audit.events, name="audit_events"),
    path("audit/export.csv", audit.export, name="audit_export"),
    path("api/", api_urls()),
    path("admin/", admin.site.urls),
]
