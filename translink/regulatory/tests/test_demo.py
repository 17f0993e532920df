from __future__ import annotations

import pytest
from django.core.management import call_command

from translink.regulatory import rules
from translink.regulatory.models import Ind, Obligation, Submission

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dozen_inds_in_several_states_with_their_history(capsys) -> None:
    call_command("load_demo")
    assert Ind.objects.count() == 12
    statuses = set(Ind.objects.values_list("status", flat=True))
    assert {"pre_ind", "submitted", "in_effect", "full_hold", "partial_hold", "inactive",
            "withdrawn", "terminated"} <= statuses  # fmt: skip
    assert Submission.objects.filter(kind="annual_report").exists()
    assert Obligation.objects.filter(status="open", rule="IND-11").exists()
    assert Obligation.objects.filter(status="open", rule="IND-12").exists()
    assert Obligation.objects.filter(status="closed", rule="IND-09").exists()
    assert set(Obligation.objects.values_list("version", flat=True)) == {rules.VERSION}


def test_the_demo_units_old_duties_were_met_so_overdue_ones_are_recent(capsys) -> None:
    from django.utils import timezone

    call_command("load_demo")
    today = timezone.localdate()
    assert Obligation.objects.filter(status="met", rule="IND-18").count() >= 2
    assert Obligation.objects.filter(status="met", rule="IND-08").exists()
    overdue = Obligation.objects.filter(status="open", due__lt=today)
    assert overdue.exists()  # some are late, as in any unit...
    assert all((today - o.due).days < 365 for o in overdue)  # ...but none for years
