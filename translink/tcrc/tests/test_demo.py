"""The demo institute's unit: beds, holidays, booked and requested studies placed by the
planner, and one study the planner will not dose because its IND is on full hold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, PlanRun, Stay, Study, Unit

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
    linked = Study.objects.exclude(alliance=None).get()  # its sponsor is a partner of it
    assert linked.alliance is not None
    assert linked.alliance.partners.filter(pk=linked.sponsor_id).exists()
    for study in Study.objects.exclude(ind=None).select_related("ind"):
        assert study.ind is not None
        assert study.ind.sponsor_company_id in (None, study.sponsor_id)
    outage = BedOutage.objects.get()  # and nobody sleeps in the bed on its nights
    for stay in Stay.objects.filter(bed=outage.bed):
        last = stay.first_night + timedelta(days=stay.nights - 1)
        assert last < outage.first_night or stay.first_night > outage.last_night
    # First doses in people are watched by emergency-trained nurses (level 2) through
    # their night; the weekend nights have one registered nurse (level 1).
    watched = Cohort.objects.exclude(shift_skill=[]).exclude(dose_day=None)
    assert watched.exists() and all(c.shift_skill[1] == [2, 2, 2] for c in watched)
    unit = Unit.objects.get()
    assert (unit.skill_weekend_night, unit.skill_weekday_night) == (1, 2)
