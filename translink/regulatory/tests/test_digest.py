from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from translink.regulatory.models import Obligation

pytestmark = pytest.mark.django_db


def test_each_person_gets_the_deadlines_of_their_own_inds(world, capsys) -> None:
    own = Obligation.objects.filter(
        status="open", ind__sponsor_investigator__user=world.users["researcher"]
    ).first()
    assert own is not None
    Obligation.objects.filter(pk=own.pk).update(due=timezone.localdate() - timedelta(days=2))
    call_command("send_compliance_digest")
    assert "digests sent" in capsys.readouterr().out
    to_researcher = [m for m in mail.outbox if m.to == [world.users["researcher"].email]]
    assert to_researcher, "the sponsor-investigator gets a digest"
    body = to_researcher[0].body
    assert "OVERDUE by 2 days" in body and "21 CFR" in body
    # Only the people who answer for INDs receive digests; never a company.
    assert {m.to[0] for m in mail.outbox} == {world.users["researcher"].email}


def test_a_bad_date_is_refused_and_nothing_is_sent(world) -> None:
    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_compliance_digest", "--date", "27/11/2026")
    assert mail.outbox == []
