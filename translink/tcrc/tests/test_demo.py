"""The demo institute's unit: beds, holidays, booked and requested studies placed by the
planner, and one study the planner will not dose because its IND is on full hold."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from translink.tcrc.models import Bed, Closure, PlanRun, Stay, Study

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_unit_with_studies(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    assert Bed.objects.count() == 18 and Bed.objects.filter(telemetry=True).count() == 10
    assert Closure.objects.exists()
    run = PlanRun.objects.get()
    assert run.state == PlanRun.State.DONE and run.placed >= 15
    assert Study.objects.filter(status=Study.Status.BOOKED).count() == 2
    assert Study.objects.exclude(refusal="").get().protocol_number == "RRI-620-SAD"
    waiting = Study.objects.exclude(condition="").get()
    assert waiting.protocol_number == "RRI-330-SAD" and "312.40(b)" in waiting.condition
    assert waiting.ind is not None and waiting.ind.effective_by is not None
    assert all(c.dose_day >= waiting.ind.effective_by for c in waiting.cohorts.all() if c.dose_day)
    assert Stay.objects.count() > 150
