from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    GroupLeadFactory,
    OrganiserFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
SLUG = "riga-2015"


def _text(response) -> str:
    return response.content.decode()


def test_root_redirects_to_latvian(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/lv/"


@pytest.mark.parametrize(
    ("language", "title", "where"),
    [
        ("lv", "Pilsoniskās sabiedrības, biedrību un nodibinājumu", "Kalēju iela 3, Rīga"),
        ("en", "Consultation of civil society, associations and foundations", "Kalēju iela 3, Riga"),
    ],
)
def test_home_page_shows_the_event_in_each_language(client, consultation_2015, language, title, where):
    response = client.get(f"/{language}/")

    html = _text(response)
    assert response.status_code == 200
    assert f'<html lang="{language}" class="no-js">' in html
    assert title in html
    assert where in html
    assert html.count('<li class="mb-2">') == 3  # the three reasons
    assert len(response.context["organisers"]) == 16


def test_home_page_names_the_organisers(client, consultation_2015):
    html = _text(client.get("/lv/"))

    assert "Latvijas Samariešu apvienība" in html
    assert "Nordic Club House" in html
    assert "onkoloģisko pacientu atbalsta biedrība „Dzīvības koks”" in html


def test_home_page_links_to_every_way_in(client, consultation_2015):
    html = _text(client.get("/en/"))

    for name in ("participants:register", "offers:wall", "offers:questionnaire", "commitments:document"):
        assert f'href="{reverse(name, kwargs={"slug": SLUG})}"' in html


def test_home_page_without_a_consultation_says_so(client):
    response = client.get("/en/")

    assert response.status_code == 404
    assert "No consultation is published yet" in _text(response)


def test_unpublished_consultation_is_not_shown(client):
    consultation = ConsultationFactory(is_published=False)

    response = client.get(reverse("consultation:detail", kwargs={"slug": consultation.slug}))

    assert response.status_code == 404


def test_language_switcher_links_to_the_same_page_in_english(client, consultation_2015):
    html = _text(client.get(reverse("consultation:programme", kwargs={"slug": SLUG})))

    assert 'href="/en/riga-2015/programme/" hreflang="en"' in html


def test_programme_shows_nested_talks_speakers_and_tbc(client, consultation_2015):
    html = _text(client.get("/lv/riga-2015/programme/"))

    assert "09:00–09:30" in html
    assert "Ierašanās, reģistrācija" in html
    assert "Aija Lulle" in html and "Latvijas Universitāte" in html
    assert "Ilze Pētersone-Godmane" in html and "IEM valsts sekretāre" in html
    assert html.count("jāapstiprina") == 2  # "to be confirmed", twice
    assert 'class="list-group-item agenda-depth-2' in html  # the 5-minute NGO talks
    assert "Rita Vecstirāne" in html
    assert "Inese Vaivare" in html


def test_programme_shows_the_seven_groups_in_the_parallel_block(client, consultation_2015):
    response = client.get("/en/riga-2015/programme/")

    block = _text(response).split('id="item-parallel"')[1].split("</ol>")[0]
    assert block.count("<li value=") == 7
    assert "Children’s group" in block


def test_programme_marks_breaks(client, consultation_2015):
    html = _text(client.get("/en/riga-2015/programme/"))

    assert html.count("agenda-break") == 2
    assert "Break to recover energy" in html


def test_group_list_shows_the_seven_groups_and_the_session_structure(client, consultation_2015):
    response = client.get(reverse("workgroups:list", kwargs={"slug": SLUG}))

    html = _text(response)
    assert [group.number for group in response.context["groups"]] == [1, 2, 3, 4, 5, 6, 7]
    assert "Politikas iniciatīvas" in html
    assert "<strong>15′</strong>" in html and "<strong>120′</strong>" in html


@pytest.mark.parametrize("language", ["lv", "en"])
def test_group_page_shows_goal_and_leading_organisations(client, consultation_2015, language):
    response = client.get(f"/{language}/riga-2015/groups/4/")

    html = _text(response)
    assert response.status_code == 200
    goal = {"lv": "Apzināt esošos resursus", "en": "To map the existing resources"}[language]
    assert goal in html
    leads = {"lv": "Izglītības attīstības centrs", "en": "Education Development Centre"}[language]
    assert leads in html


def test_group_page_without_a_goal_text_explains_who_introduces_it(client, consultation_2015):
    html = _text(client.get("/en/riga-2015/groups/1/"))

    assert "leader introduces the topic" in html


def test_unknown_group_is_not_found(client, consultation_2015):
    assert client.get("/en/riga-2015/groups/8/").status_code == 404


@pytest.mark.parametrize(
    "name", ["participants:register", "offers:wall", "offers:questionnaire", "commitments:document"]
)
def test_ways_in_pages_open(client, consultation_2015, name):
    response = client.get(reverse(name, kwargs={"slug": SLUG}))

    assert response.status_code == 200
    assert "Pilsoniskās sabiedrības" in _text(response)


@pytest.mark.parametrize(
    "url", ["/lv/", "/en/riga-2015/programme/", "/lv/riga-2015/groups/", "/en/riga-2015/groups/2/"]
)
def test_public_pages_show_no_personal_data(client, consultation_2015, url):
    leader = UserFactory(username="leader", email="leader.private@example.org")
    consultation_2015.working_groups.get(number=2).leaders.add(leader)

    html = _text(client.get(url))

    assert EMAIL.findall(html) == []
    assert "leader.private" not in html


def _populate(count: int):
    consultation = ConsultationFactory()
    for number in range(1, count + 1):
        OrganiserFactory(consultation=consultation)
        parent = AgendaItemFactory(consultation=consultation)
        AgendaItemFactory(
            consultation=consultation, parent=parent, starts_at=None, ends_at=None, duration_minutes=5
        )
        GroupLeadFactory(group=WorkingGroupFactory(consultation=consultation, number=number))
    AgendaItemFactory(consultation=consultation, kind="parallel")
    return consultation


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize("page", ["consultation:detail", "consultation:programme", "workgroups:list"])
def test_public_page_queries_do_not_grow_with_data(client, django_assert_max_num_queries, count, page):
    consultation = _populate(count)

    with django_assert_max_num_queries(5):
        response = client.get(reverse(page, kwargs={"slug": consultation.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_group_page_queries_do_not_grow_with_data(client, django_assert_max_num_queries, count):
    consultation = _populate(count)

    with django_assert_max_num_queries(6):  # the page also counts the group's confirmed places
        response = client.get(reverse("workgroups:detail", kwargs={"slug": consultation.slug, "number": 1}))

    assert (response.status_code, response.context["group"].number) == (200, 1)


def test_health_asks_the_database_once(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/health/")

    assert (response.status_code, response.content) == (200, b"ok")


def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import DatabaseError, connection

    def refuse(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/health/")

    assert (response.status_code, response.content) == (503, b"unavailable: database")


def test_favicon_redirects_to_the_static_icon_on_this_host(client):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (302, "/static/favicon.svg")
