from __future__ import annotations

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Edition
from commitments.selectors import approved_commitments
from consultation.models import Organisation
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db


def test_commitments_demo_adds_samples_once(consultation_2015, capsys):
    real_organisations = list(Organisation.objects.all())
    real_names = {o.name_lv.casefold() for o in real_organisations}

    call_command("commitments_demo")
    first = capsys.readouterr().out
    counts = (Commitment.objects.count(), Organisation.objects.count(), GroupReport.objects.count())
    call_command("commitments_demo")
    second = capsys.readouterr().out

    commitments = Commitment.objects.filter(consultation=consultation_2015)
    approved = commitments.filter(status=Commitment.Status.APPROVED)
    proposed = commitments.filter(status=Commitment.Status.PROPOSED)
    assert (commitments.count(), approved.count(), proposed.count()) == (8, 6, 2)
    assert commitments.values("group").distinct().count() >= 5
    assert commitments.values("resource").distinct().count() >= 5
    assert all(c.text_lv and c.text_en for c in commitments)
    assert set(approved_commitments(consultation=consultation_2015)) == set(approved)
    assert (Commitment.objects.count(), Organisation.objects.count(), GroupReport.objects.count()) == counts
    assert "6 approved and 2 proposed" in first
    assert "/lv/riga-2015/commitments/draft/" in first
    assert "nothing added" in second

    real_pks = {o.pk for o in real_organisations}
    for commitment in commitments:
        assert commitment.organisation_id not in real_pks
        assert commitment.organisation_name.casefold() not in real_names
        assert "paraugs" in commitment.organisation_name
    report = GroupReport.objects.get(group__consultation=consultation_2015)
    assert report.is_published and report.findings_lv.startswith("PARAUGS")
    assert not Edition.objects.exists()
