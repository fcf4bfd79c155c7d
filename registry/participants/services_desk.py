"""The offline desk's writes: apply the actions a desk queued, each exactly once, and say what happened.

A desk sends its queued actions (check in, undo, walk-in) with the id it gave each one. ``desk_action_apply``
records that id in ``DeskAction`` (unique) in the same transaction as the action itself: a second delivery of
the same id waits for the first one's transaction, fails the unique index, is rolled back whole and answers
the first outcome, so it changes nothing. Conflicts between desks are resolved here, not on the devices:

- a person checked in at two desks is checked in once, at the first desk's time ("already");
- undoing a check-in nobody made, or one already undone, changes nothing ("already");
- a walk-in placed into a group that filled up meanwhile goes to its waiting list ("waiting").
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import Consultation
from consultation.page_cache import content_changed

from .forms import WalkInForm
from .models import DeskAction, Participant
from .services import RegistrationError, registration_create

# A desk's clock may be wrong; a time from the future or from long ago is replaced by the time received.
CLOCK_TOLERANCE = datetime.timedelta(minutes=5)
OLDEST_ACTION = datetime.timedelta(days=2)


@dataclass(frozen=True)
class DeskResult:
    client_id: uuid.UUID
    outcome: str
    message: str
    participant: Participant | None
    replayed: bool = False


def _happened_at(value: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    if value is None or value > now + CLOCK_TOLERANCE or value < now - OLDEST_ACTION:
        return now
    return min(value, now)


def desk_action_apply(
    *,
    consultation: Consultation,
    participants,
    user,
    client_id: uuid.UUID,
    kind: str,
    participant_id: int | None = None,
    walk_in: dict | None = None,
    happened_at: datetime.datetime | None = None,
    groups=None,
) -> DeskResult:
    """Apply one queued action once; a repeated ``client_id`` returns the recorded outcome unchanged.

    ``participants`` is the queryset of the people this volunteer may check in and ``groups`` of the groups a
    walk-in may join (their reach; ``None``: every group of the consultation). The action and
    its ``DeskAction`` row commit together: a repeated id fails the row's unique index, which rolls back
    whatever the repetition did, and the first outcome is answered instead.
    """
    at = _happened_at(happened_at, timezone.now())
    try:
        with transaction.atomic():
            if kind == DeskAction.Kind.WALK_IN:
                outcome, message, participant = _walk_in(consultation, client_id, walk_in or {}, groups)
            else:
                outcome, message, participant = _check_in(
                    participants, participant_id, undo=kind == DeskAction.Kind.UNDO, at=at
                )
            DeskAction.objects.create(
                client_id=client_id,
                consultation=consultation,
                kind=kind,
                user=user if user.is_authenticated else None,
                participant=participant,
                outcome=outcome,
                message=message[:300],
                happened_at=at,
            )
    except IntegrityError:
        recorded = _recorded(client_id)
        if recorded is None:
            raise
        return recorded
    return DeskResult(client_id, outcome, message, participant)


def _result_of(action: DeskAction) -> DeskResult:
    return DeskResult(action.client_id, action.outcome, action.message, action.participant, replayed=True)


def _recorded(client_id: uuid.UUID) -> DeskResult | None:
    action = (
        DeskAction.objects.select_related("participant__organisation", "participant__group")
        .filter(client_id=client_id)
        .first()
    )
    return None if action is None else _result_of(action)


def desk_actions_apply(
    *, consultation: Consultation, participants, user, actions: list[dict], groups=None
) -> list[DeskResult]:
    """Apply a desk's queue in order; ids already recorded (a resent queue) are answered in one query."""
    known = {
        action.client_id: action
        for action in DeskAction.objects.select_related(
            "participant__organisation", "participant__group"
        ).filter(client_id__in=[action["client_id"] for action in actions])
    }
    return [
        _result_of(known[action["client_id"]])
        if action["client_id"] in known
        else desk_action_apply(
            consultation=consultation, participants=participants, groups=groups, user=user, **action
        )
        for action in actions
    ]


def _check_in(
    participants, participant_id: int | None, *, undo: bool, at: datetime.datetime
) -> tuple[str, str, Participant | None]:
    participant = (
        participants.select_related("organisation", "group").filter(pk=participant_id).first()
        if participant_id
        else None
    )
    if participant is None:
        return DeskAction.Outcome.REFUSED, _("This person is not on the desk's list (any more)."), None
    rows = Participant.objects.filter(pk=participant.pk)
    # One conditional UPDATE decides: two desks checking in the same person cannot both change the row.
    if undo:
        changed = rows.filter(checked_in_at__isnull=False).update(
            checked_in_at=None, updated_at=timezone.now()
        )
    else:
        changed = rows.filter(checked_in_at__isnull=True).update(checked_in_at=at, updated_at=timezone.now())
    if changed:
        content_changed(participant.consultation_id)  # the results screen counts who has arrived
        participant.checked_in_at = None if undo else at
        return DeskAction.Outcome.APPLIED, "", participant
    participant.refresh_from_db(fields=["checked_in_at"])  # another desk's time
    if undo:
        message = _("%(name)s was not checked in (another desk undid it): nothing changed.")
    else:
        message = _("%(name)s was already checked in at %(time)s, at another desk: counted once.")
    return (
        DeskAction.Outcome.ALREADY,
        message
        % {
            "name": participant.full_name,
            "time": timezone.localtime(participant.checked_in_at).strftime("%H:%M")
            if participant.checked_in_at
            else "",
        },
        participant,
    )


def _walk_in(
    consultation: Consultation, client_id: uuid.UUID, data: dict, groups
) -> tuple[str, str, Participant | None]:
    form = WalkInForm(
        {key: value for key, value in data.items() if isinstance(value, str | bool)},
        consultation=consultation,
    )
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        return DeskAction.Outcome.REFUSED, " ".join(errors), None
    if groups is not None and not groups.filter(pk=form.cleaned_data["first_choice"].pk).exists():
        return DeskAction.Outcome.REFUSED, _("This desk may not register walk-ins into this group."), None
    try:
        with transaction.atomic():
            participant = registration_create(
                consultation=consultation,
                data=form.registration_data(email=form.cleaned_data["email"]),
                submission_token=client_id,
                walk_in=True,
                walk_in_may_wait=True,
            )
    except RegistrationError as error:
        return DeskAction.Outcome.REFUSED, str(error), None
    if participant.status == Participant.Status.WAITING:
        message = _(
            "Group %(group)s filled up before this walk-in reached the server: %(name)s is on its waiting "
            "list, no. %(position)s."
        ) % {
            "group": participant.group.number,
            "name": participant.full_name,
            "position": participant.waiting_position,
        }
        return DeskAction.Outcome.WAITING, message, participant
    return DeskAction.Outcome.APPLIED, "", participant
