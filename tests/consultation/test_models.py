from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from consultation.models import AgendaItem
from tests.factories import AgendaItemFactory, ConsultationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_consultation_ending_before_it_starts_is_refused_by_the_database():
    consultation = ConsultationFactory()
    consultation.ends_at = consultation.starts_at - datetime.timedelta(hours=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        consultation.save()


def test_registration_closing_before_it_opens_is_refused_by_the_database():
    now = timezone.now()

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(
            registration_opens_at=now, registration_closes_at=now - datetime.timedelta(days=1)
        )


def test_working_group_number_is_unique_within_a_consultation():
    group = WorkingGroupFactory(number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        WorkingGroupFactory(consultation=group.consultation, number=1)


def test_working_group_number_may_repeat_in_another_consultation():
    WorkingGroupFactory(number=1)

    other = WorkingGroupFactory(number=1)

    assert other.pk is not None


def test_working_group_negative_capacity_is_refused_by_the_database():
    group = WorkingGroupFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(group).objects.filter(pk=group.pk).update(capacity=-1)


def test_agenda_item_ending_before_it_starts_is_refused_by_the_database():
    item = AgendaItemFactory()
    item.ends_at = item.starts_at - datetime.timedelta(minutes=5)

    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_agenda_item_slug_is_unique_within_a_consultation():
    item = AgendaItemFactory(slug="opening")

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(consultation=item.consultation, slug="opening")


def test_agenda_item_nested_deeper_than_three_levels_fails_validation():
    top = AgendaItemFactory()
    middle = AgendaItemFactory(consultation=top.consultation, parent=top, starts_at=None, ends_at=None)
    inner = AgendaItemFactory(consultation=top.consultation, parent=middle, starts_at=None, ends_at=None)
    too_deep = AgendaItemFactory.build(
        consultation=top.consultation, parent=inner, starts_at=None, ends_at=None
    )

    with pytest.raises(ValidationError) as error:
        too_deep.full_clean()

    assert "parent" in error.value.message_dict


def test_agenda_item_under_a_parent_of_another_consultation_fails_validation():
    parent = AgendaItemFactory()
    child = AgendaItemFactory.build(
        consultation=ConsultationFactory(), parent=parent, starts_at=None, ends_at=None
    )

    with pytest.raises(ValidationError) as error:
        child.full_clean()

    assert "parent" in error.value.message_dict


def test_top_level_agenda_item_without_start_time_fails_validation():
    item = AgendaItemFactory.build(consultation=ConsultationFactory(), starts_at=None, ends_at=None)

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "starts_at" in error.value.message_dict


def test_time_windows_are_open_when_unset():
    consultation = ConsultationFactory(starts_at=timezone.now() - datetime.timedelta(days=3650))

    assert consultation.registration_is_open is True
    assert consultation.questionnaire_is_open is True


def test_registration_window_closes_at_the_set_time():
    now = timezone.now()
    consultation = ConsultationFactory(registration_closes_at=now - datetime.timedelta(minutes=1))

    assert consultation.registration_is_open is False


def test_registration_window_not_yet_open_before_the_set_time():
    consultation = ConsultationFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))

    assert consultation.registration_is_open is False


def test_private_link_lifetime_comes_from_the_organisers_setting():
    consultation = ConsultationFactory(private_link_days=14)
    sent = consultation.ends_at + datetime.timedelta(days=3)

    assert consultation.private_link_expires_at(sent) == sent + datetime.timedelta(days=14)


def test_private_link_without_a_set_lifetime_lasts_180_days_after_the_event():
    consultation = ConsultationFactory()
    sent = consultation.starts_at - datetime.timedelta(days=10)

    assert consultation.private_link_expires_at(sent) == consultation.ends_at + datetime.timedelta(days=180)


def test_period_tells_before_during_and_after_the_event():
    consultation = ConsultationFactory()

    assert consultation.period(consultation.starts_at - datetime.timedelta(minutes=1)) == "before"
    assert consultation.period(consultation.starts_at) == "during"
    assert consultation.period(consultation.ends_at) == "after"


def test_translated_field_reads_the_active_language():
    consultation = ConsultationFactory(title_lv="Konsultācija", title_en="Consultation")

    with override("en"):
        assert consultation.title == "Consultation"
    with override("lv"):
        assert consultation.title == "Konsultācija"


def test_translated_field_falls_back_to_latvian_when_english_is_empty():
    consultation = ConsultationFactory(title_lv="Konsultācija", title_en="")

    with override("en"):
        assert consultation.title == "Konsultācija"


def test_rationale_points_are_the_paragraphs():
    consultation = ConsultationFactory(rationale_lv="Viens.\n\nDivi.\n\n\nTrīs.")

    with override("lv"):
        assert consultation.rationale_points == ["Viens.", "Divi.", "Trīs."]


def test_agenda_item_kinds_cover_the_programme():
    assert set(AgendaItem.Kind.values) == {"registration", "plenary", "talk", "break", "parallel"}
