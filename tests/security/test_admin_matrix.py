"""Every admin door tried by every role: role × model × URL (changelist, change, add, delete, history, import,
export, the actions offered), against the policy written out below rather than the admin's own answers.

Outcomes: ``ok`` the page (200); ``denied`` 403; ``login`` the login page (302); ``hidden`` the admin's
"does not exist" redirect to its index (302), what a group leader gets for another group's record;
``absent`` the URL does not exist for that model (no import on the commitments, say).
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from commitments.models import Commitment, DocumentSettings, Edition, ResultsScreen
from consultation.models import AgendaItem, Consultation, Organisation
from registry.offers.models import Offer, PendingOffer, QuestionnaireResponse
from registry.participants.models import DeskAction, Participant
from workgroups.models import GroupReport, WorkingGroup

User = get_user_model()
ROLES = ["anonymous", "bare_staff", "desk", "leader", "organiser"]
KINDS = ["changelist", "add", "change", "delete", "history", "import", "export"]
MODELS = [
    Consultation,
    AgendaItem,
    Organisation,
    WorkingGroup,
    GroupReport,
    Participant,
    DeskAction,
    Offer,
    PendingOffer,
    QuestionnaireResponse,
    Commitment,
    Edition,
    DocumentSettings,
    ResultsScreen,
    User,
    Group,
    DBTaskResult,
    LogEntry,
]
# Models whose admin has a spreadsheet import / export.
IMPORTABLE = {Organisation, WorkingGroup, Participant, Offer}
EXPORTABLE = IMPORTABLE | {Commitment}
# What a group leader reaches, and only for their own group's records.
LEADER_REACH = {
    WorkingGroup: {"changelist", "change", "history", "export"},
    GroupReport: {"changelist", "change", "history", "add"},
    Participant: {"changelist", "change", "history", "export"},
}
# What not even an organiser does in the admin: people join through the form, the desk or an import;
# the moderation queue and the task results are never typed in; editions are published from the draft
# page and never deleted; the roles are the code's.
ORGANISER_NEVER = {
    (Participant, "add"),
    (PendingOffer, "add"),
    (Edition, "add"),
    (Edition, "delete"),
    (Group, "add"),
    (Group, "delete"),
    (DeskAction, "add"),
    (DeskAction, "delete"),
    (DBTaskResult, "add"),
    (DBTaskResult, "delete"),
    (LogEntry, "add"),
    (LogEntry, "delete"),
}


def expected(role: str, model, kind: str, target: str) -> str:
    if (kind == "import" and model not in IMPORTABLE) or (kind == "export" and model not in EXPORTABLE):
        return "absent"
    if role == "anonymous":
        return "login"
    if role in ("bare_staff", "desk"):
        return "denied"
    if role == "leader":
        if kind not in LEADER_REACH.get(model, set()):
            return "denied"
        return "hidden" if target == "other" and kind in ("change", "history") else "ok"
    return "denied" if (model, kind) in ORGANISER_NEVER else "ok"


def _cases():
    for model in MODELS:
        targets = ["own", "other"] if model in LEADER_REACH else ["other"]
        for kind in KINDS:
            for target in targets if kind in ("change", "delete", "history") else ["other"]:
                for role in ROLES:
                    yield pytest.param(
                        role, model, kind, target, id=f"{role}-{model._meta.model_name}-{kind}-{target}"
                    )


CASES = list(_cases())


def _url(model, kind: str, record) -> str | None:
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{kind}"
    args = [record.pk] if kind in ("change", "delete", "history") else []
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "login"
        if location == reverse("admin:index"):
            return "hidden"
    return f"{response.status_code} {response.get('Location', '')}"


def test_matrix_covers_every_model_the_admin_shows():
    assert set(MODELS) | set(LOGIN_SECURITY_MODELS) == set(admin.site._registry)


# The login-security libraries' records: organisers unlock locked-out accounts (django-axes); two-factor
# devices (django-otp) are enrolled with manage.py otp_enrol and are a superuser's; nobody else may list them.
LOGIN_SECURITY_MODELS = [AccessAttempt, AccessFailureLog, AccessLog, StaticDevice, TOTPDevice]


@pytest.mark.parametrize("role", ["anonymous", "bare_staff", "desk", "leader", "organiser"])
@pytest.mark.parametrize("model", LOGIN_SECURITY_MODELS, ids=[m._meta.label for m in LOGIN_SECURITY_MODELS])
def test_login_security_records_are_the_organisers_alone(client, roles, role, model):
    user = roles.user(role)
    if user is not None:
        client.force_login(user)

    outcome = _outcome(client.get(_url(model, "changelist", None)))

    organisers = "ok" if model._meta.app_label == "axes" else "denied"
    assert outcome == {"anonymous": "login", "organiser": organisers}.get(role, "denied")


@pytest.mark.parametrize(("role", "model", "kind", "target"), CASES)
def test_admin_door(client, roles, world, role, model, kind, target):
    record = world.records[model][target]
    user = roles.user(role)
    if user is not None:
        client.force_login(user)
    url = _url(model, kind, record)

    outcome = "absent" if url is None else _outcome(client.get(url))

    assert outcome == expected(role, model, kind, target)


# The actions each role is offered on each changelist it reaches (the admin runs no action it does not offer).
ORGANISER_ACTIONS = {
    Consultation: {"delete_selected"},
    AgendaItem: {"delete_selected"},
    Organisation: {"delete_selected", "merge_selected"},
    WorkingGroup: {"delete_selected"},
    GroupReport: {"delete_selected", "publish_reports"},
    Participant: {
        "delete_selected",
        "confirm_from_waiting_list",
        "fill_free_places",
        "move_to_group",
        "link_organisation",
        "cancel",
        "resend_email",
        "print_badges",
        "revoke_private_link",
    },
    Offer: {"delete_selected", "approve_offers", "reject_offers", "mark_unavailable", "revoke_private_link"},
    PendingOffer: {"delete_selected", "approve_offers", "reject_offers"},
    QuestionnaireResponse: {"delete_selected", "revoke_private_link"},
    Commitment: {"delete_selected", "approve_selected", "reject_selected", "revoke_private_link"},
    Edition: set(),
    DocumentSettings: {"delete_selected"},
    ResultsScreen: {"delete_selected", "renew_secrets"},
    User: {"delete_selected"},
    Group: set(),
    DeskAction: set(),
    DBTaskResult: set(),
    LogEntry: set(),
}
LEADER_ACTIONS = {
    WorkingGroup: set(),
    GroupReport: set(),
    Participant: {
        "confirm_from_waiting_list",
        "move_to_group",
        "link_organisation",
        "cancel",
        "resend_email",
        "print_badges",
        "revoke_private_link",
    },
}


@pytest.mark.parametrize("model", MODELS, ids=[model._meta.model_name for model in MODELS])
@pytest.mark.parametrize("role", ["leader", "organiser"])
def test_actions_offered(client, roles, world, role, model):
    client.force_login(roles.user(role))
    response = client.get(_url(model, "changelist", None))
    if role == "leader" and model not in LEADER_ACTIONS:
        assert response.status_code == 403
        return
    action_form = response.context["action_form"]
    choices = action_form.fields["action"].choices if action_form else []
    offered = {value for value, _label in choices if value}

    assert offered == (LEADER_ACTIONS if role == "leader" else ORGANISER_ACTIONS)[model]


@pytest.mark.parametrize("model", MODELS, ids=[model._meta.model_name for model in MODELS])
@pytest.mark.parametrize("role", ["bare_staff", "desk"])
def test_actions_refused_to_staff_without_a_role_in_the_admin(client, roles, world, role, model):
    client.force_login(roles.user(role))
    record = world.records[model]["other"]
    response = client.post(
        _url(model, "changelist", None),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert model._default_manager.filter(pk=record.pk).exists()
