from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultation.models import Organisation
from consultation.services import group_leaders_group_sync, organiser_create
from tests.factories import StaffFactory, WorkingGroupFactory
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    user, _password = organiser_create(username="organiser")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "consultation_consultation",
        "consultation_organisation",
        "consultation_agendaitem",
        "workgroups_workinggroup",
        "workgroups_groupreport",
    ],
)
def test_organiser_opens_changelist_and_add_form(organiser_client, consultation_2015, model):
    changelist = organiser_client.get(reverse(f"admin:{model}_changelist"))
    add = organiser_client.get(reverse(f"admin:{model}_add"))

    assert (changelist.status_code, add.status_code) == (200, 200)


def test_admin_speaks_latvian_under_lv(organiser_client, consultation_2015):
    html = organiser_client.get(reverse("admin:workgroups_workinggroup_changelist")).content.decode()

    assert '<html lang="lv"' in html
    assert "Darba grupas" in html
    assert "Politikas iniciatīvas" in html


def test_organiser_edits_a_working_group(organiser_client, consultation_2015):
    group = WorkingGroup.objects.get(consultation=consultation_2015, number=6)
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    form = organiser_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        consultation=group.consultation_id,
        room="Zāle B",
        capacity=40,
        leaders=[],
        **{"grouplead_set-TOTAL_FORMS": 0, "grouplead_set-INITIAL_FORMS": 0},
    )
    data.pop("lead_organisations", None)

    response = organiser_client.post(url, data)

    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.room, group.capacity) == ("Zāle B", 40)


def test_organisation_changelist_filters_by_kind_and_searches(organiser_client, consultation_2015):
    url = reverse("admin:consultation_organisation_changelist")

    by_kind = organiser_client.get(url, {"kind": "state"})
    by_search = organiser_client.get(url, {"q": "Providus"})

    assert {o.slug for o in by_kind.context["cl"].result_list} == {
        "state-employment-agency",
        "ministry-of-the-interior",
    }
    assert [o.slug for o in by_search.context["cl"].result_list] == ["providus"]


def _import(client, model: str, content: str):
    upload = SimpleUploadedFile("rows.csv", content.encode(), content_type="text/csv")
    return client.post(
        reverse(f"admin:{model}_import"), {"resource": "0", "format": "0", "import_file": upload}
    )


def test_organisation_import_shows_a_preview_before_saving(organiser_client):
    response = _import(
        organiser_client,
        "consultation_organisation",
        "slug,name_lv,name_en,short_name,kind,website\n"
        "gimenes-centrs,Ģimeņu atbalsta centrs,Family support centre,GAC,ngo,https://example.org\n",
    )

    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert "Ģimeņu atbalsta centrs" in response.content.decode()
    assert not Organisation.objects.filter(slug="gimenes-centrs").exists()


def test_organisation_import_with_a_bad_row_imports_nothing_and_names_the_row(organiser_client):
    response = _import(
        organiser_client,
        "consultation_organisation",
        "slug,name_lv,name_en,short_name,kind,website\n"
        "good-one,Labā biedrība,Good association,,ngo,\n"
        "bad-one,Slikta biedrība,Bad association,,spaceship,\n",
    )

    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert response.context.get("confirm_form") is None
    assert Organisation.objects.filter(slug__in=["good-one", "bad-one"]).count() == 0


def test_working_group_import_links_the_consultation_and_lead_organisations(
    organiser_client, consultation_2015
):
    content = (
        "consultation,number,title_lv,title_en,goal_lv,goal_en,lead_organisations,moderator,room,capacity\n"
        "riga-2015,8,Mājoklis,Housing,,,marta;rasa,,,20\n"
    )
    preview = _import(organiser_client, "workgroups_workinggroup", content)
    confirm = preview.context["confirm_form"]

    organiser_client.post(reverse("admin:workgroups_workinggroup_process_import"), confirm.initial)

    group = WorkingGroup.objects.get(consultation=consultation_2015, number=8)
    assert sorted(group.lead_organisations.values_list("slug", flat=True)) == ["marta", "rasa"]


def test_organisation_export_escapes_spreadsheet_formulae(organiser_client):
    Organisation.objects.create(slug="formula", name_lv='=HYPERLINK("http://x")', kind="ngo")

    response = organiser_client.post(
        reverse("admin:consultation_organisation_export"),
        {"format": "0", "resource": "0", **{f"organisationresource_{f}": "on" for f in ("slug", "name_lv")}},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "formula" in body
    assert ",=HYPERLINK" not in body


def test_group_leader_sees_only_their_own_group(client, consultation_2015):
    leader = StaffFactory()

    leader.groups.add(group_leaders_group_sync())
    own = WorkingGroup.objects.get(consultation=consultation_2015, number=3)
    own.leaders.add(leader)
    WorkingGroupFactory()
    client.force_login(leader)

    response = client.get(reverse("admin:workgroups_workinggroup_changelist"))

    assert [group.pk for group in response.context["cl"].result_list] == [own.pk]


def test_group_leader_cannot_open_another_groups_page(client, consultation_2015):

    leader = StaffFactory()
    leader.groups.add(group_leaders_group_sync())
    WorkingGroup.objects.get(consultation=consultation_2015, number=3).leaders.add(leader)
    other = WorkingGroup.objects.get(consultation=consultation_2015, number=4)
    client.force_login(leader)

    response = client.get(reverse("admin:workgroups_workinggroup_change", args=[other.pk]))

    assert response.status_code == 302  # the admin redirects to the index for objects outside the queryset


def test_admin_index_links_the_event_days_staff_pages(admin_client, consultation_2015):
    response = admin_client.get("/lv/admin/")

    html = response.content.decode()
    assert 'href="/lv/riga-2015/desk/"' in html
    assert 'href="/lv/riga-2015/commitments/draft/"' in html


@pytest.mark.django_db
def test_changelist_filtered_by_an_id_past_the_largest_integer_is_an_empty_list(organiser_client):
    WorkingGroupFactory()

    response = organiser_client.get(reverse("admin:workgroups_workinggroup_changelist"), {"id": "9" * 30})

    assert (response.status_code, response.context["cl"].result_count) == (200, 0)
