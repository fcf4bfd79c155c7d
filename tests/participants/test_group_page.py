"""A working group's public page: its places left, and a register button that preselects the group."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _group_page(client, group):
    return client.get(reverse("workgroups:detail", kwargs={"slug": group.consultation.slug, "number": 1}))


def test_group_page_says_how_many_places_are_free(client, group):
    ParticipantFactory(consultation=group.consultation, group=group)

    response = _group_page(client, group)

    assert response.content.decode().count("1 no 2 brīvas") == 1


def test_group_page_says_when_the_group_is_full(client, group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=group)

    response = _group_page(client, group)

    assert (
        "Visas 2 vietas aizņemtas: jaunie pieteikumi tiek iekļauti gaidīšanas sarakstā"
        in response.content.decode()
    )


def test_group_page_register_button_preselects_the_group(client, group, other_group):
    register = reverse("participants:register", kwargs={"slug": group.consultation.slug})

    page = _group_page(client, group).content.decode()
    response = client.get(register, {"group": "1"})

    assert f'href="{register}?group=1"' in page
    assert response.context["form"]["first_choice"].value() == group.pk


def test_registration_ignores_a_group_number_that_does_not_exist(client, group):
    register = reverse("participants:register", kwargs={"slug": group.consultation.slug})

    response = client.get(register, {"group": "99<script>"})

    assert response.context["form"]["first_choice"].value() is None
