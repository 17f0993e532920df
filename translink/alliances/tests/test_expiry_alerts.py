"""CDA expiry alerts go out 60, 30 and 7 days ahead, to staff and to the company alone."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from translink.accounts import actions as account_actions
from translink.alliances import agreement_actions as deals
from translink.alliances.tests.conftest import PASSWORD, Pipeline
from translink.market.models import Notification


def test_it_alerts_staff_and_the_company_on_the_set_days(
    pipeline: Pipeline, capsys: pytest.CaptureFixture[str]
) -> None:
    partner = account_actions.create_account(
        None, email="p@partner.example", full_name="Pat Partner", role="industry_member",
        organization=pipeline.company, password=PASSWORD,
    )  # fmt: skip
    other = account_actions.create_organization(None, name="Other Co", kind="company")
    outsider = account_actions.create_account(
        None, email="o@other.example", full_name="Oz Other", role="industry_member",
        organization=other, password=PASSWORD,
    )  # fmt: skip
    cda = deals.create_agreement(
        pipeline.manager, kind="cda", title="Tracer CDA", company=pipeline.company,
        first_draft_on=date(2026, 1, 1), expires_on=date(2026, 7, 1),
    )  # fmt: skip
    deals.move_agreement(pipeline.manager, cda, status="executed", on=date(2026, 1, 10))
    call_command("send_agreement_alerts", "--date", "2026-05-01")  # 61 days ahead
    assert not Notification.objects.exists()
    call_command("send_agreement_alerts", "--date", "2026-05-02")  # 60 days ahead
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {"am@test.example", "am2@test.example", partner.email}
    assert outsider.email not in told
    assert "expires in 60 days, on 2026-07-01" in Notification.objects.first().text  # type: ignore[union-attr]
    assert "3 alerts sent." in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("send_agreement_alerts", "--date", "soon")
