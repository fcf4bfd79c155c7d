"""The platform's one way to send e-mail.

``mail_send(obj, template=...)`` queues a message to the person behind ``obj`` (a ``Mailable`` model: a
participant, an offer's author, a commitment's author); it goes out once the current transaction commits,
and mail never makes a submission fail. The task renders ``<template>_subject.txt``, ``_body.txt`` and ``_body.html`` in
the person's stored language, with ``object``, ``consultation``, ``site_url`` and (for a ``Linkable``) the
absolute ``private_url`` in the context, and sends it marked ``Auto-Submitted: auto-generated``.

django-tasks does not retry by itself: a failed send re-enqueues the task with ``run_after`` growing
MAIL_RETRY_SECONDS, 2×, 4× ... up to MAIL_ATTEMPTS attempts on a queue that can defer (the database queue);
a backend that runs tasks in process (the demo) cannot wait, so the message is marked failed at once.
Each attempt is recorded on the object: ``email_status`` (queued / sent / failed) and ``email_attempts``.

Once per message: the task's own outcome is written in the transaction that records the message as sent (or
its retry as queued), so a worker that dies afterwards leaves nothing to run again (consultation/worker.py
takes again only tasks still RUNNING). The one window left is between the SMTP server accepting the message
and that commit (milliseconds; a lost connection there is survived by recording on a new one): a worker
killed with ``kill -9`` exactly then sends that message a second time after TASK_RUNNING_TIMEOUT, with the
same Message-ID (the task's id), so mail programs that keep one message per Message-ID show it once. A
message is never lost for it, which is the side to err on.
"""

from __future__ import annotations

import datetime
import logging
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import Error, InterfaceError, OperationalError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskContext, task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .connections import connections_reset
from .links import Linkable, private_link

logger = logging.getLogger(__name__)

HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


class _Message(EmailMultiAlternatives):
    """A message whose subject starts on the Subject line.

    Django encodes a non-ASCII subject without knowing the header's name, so the first encoded word does not
    fit after "Subject: " and the line is folded straight away: some programs then show an empty subject.
    """

    def message(self, **kwargs):
        message = super().message(**kwargs)
        if not self.subject.isascii():
            del message["Subject"]
            # Message.__setitem__, not the Safe* override, which would encode the header again without its name.
            Message.__setitem__(message, "Subject", Header(self.subject, "utf-8", header_name="Subject"))
        return message


class Mailable(models.Model):
    """A model whose rows are written to: the address, the language, and how the last message went."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING, editable=False
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0, editable=False)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True, editable=False)

    mail_address_field: ClassVar[str] = "contact_email"

    class Meta:
        abstract = True

    @property
    def mail_address(self) -> str:
        return getattr(self, self.mail_address_field)

    @property
    def mail_language(self) -> str:
        return self.language if self.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def mail_context(self, *, template: str) -> dict:
        """What every message of ``template`` to this object needs besides the object itself."""
        return {}

    def mail_attachments(self, *, template: str) -> list[MIMEBase | tuple[str, str, str]]:
        """Files a message of ``template`` carries (none unless a model says otherwise)."""
        return []

    def mail_superseded(self, *, template: str) -> bool:
        """Whether a message of ``template``, queued earlier, no longer fits this object and must not go out.

        A message is rendered when it is sent, from the object as it is then: a change's message still
        queued when the person cancelled would otherwise repeat the cancellation's news.
        """
        return False


def mail_build(obj: Mailable, *, template: str, context: dict | None = None) -> EmailMultiAlternatives:
    """The message for ``obj`` in its language (rendered now; ``mail_send`` is what callers use)."""
    with translation.override(obj.mail_language):
        full = {
            "object": obj,
            "consultation": obj.consultation,
            "site_url": settings.SITE_URL.rstrip("/"),
            **obj.mail_context(template=template),
            **(context or {}),
        }
        if isinstance(obj, Linkable):
            full["private_url"] = private_link(obj, language=obj.mail_language)
        subject = " ".join(render_to_string(f"{template}_subject.txt", full, using="text").split())
        text = render_to_string(f"{template}_body.txt", full, using="text")
        html = render_to_string(f"{template}_body.html", full)
        attachments = obj.mail_attachments(template=template)
    message = _Message(subject=subject, body=text, to=[obj.mail_address], headers=dict(HEADERS))
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        if isinstance(attachment, tuple):
            message.attach(*attachment)
        else:
            message.attach(attachment)
    return message


def _record(model: type[Mailable], pk: int, **fields) -> None:
    # An UPDATE, not save(): the status is private bookkeeping, not a change anyone's page shows.
    model._default_manager.filter(pk=pk).update(**fields)


def _finish(context: TaskContext, outcome: str) -> None:
    """Write the task's outcome now, in the transaction that records what happened to the message.

    The worker writes it again when the task returns; if the worker dies first, the task is not RUNNING, so
    it is never taken again (consultation/worker.py) and the message never sent twice.
    """
    db_result = getattr(context.task_result, "db_result", None)
    if db_result is not None:
        DBTaskResult.objects.filter(pk=db_result.pk).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now(), return_value=outcome
        )


def _message_id(context: TaskContext) -> str:
    """The task's own Message-ID: should the window below send a message twice, both copies carry the same one,
    and mail programs that keep one message per Message-ID show it once."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<{context.task_result.id}@{domain}>"


def _settle(write, attempts: int = 2) -> None:
    """Run ``write`` in a transaction; on a lost connection, once more on a new one (the SMTP server has already
    answered, so what it said must reach the database)."""
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                write()
            return
        except (InterfaceError, OperationalError):
            if attempt == attempts:
                raise
            logger.warning("Database connection lost while recording a message; recording it again")
            connections_reset()


@task(takes_context=True)
def mail_deliver(
    context: TaskContext,
    label: str,
    pk: int,
    template: str,
    template_context: dict,
    reply_to: list[str] | None = None,
    attempt: int = 1,
) -> str:
    """Send one message; on failure, try again later (see the module's docstring). Returns what happened."""
    model = apps.get_model(label)
    obj = model._default_manager.select_related("consultation").filter(pk=pk).first()
    if obj is None or not obj.mail_address:
        return "gone"
    if obj.mail_superseded(template=template):
        _settle(lambda: _finish(context, "superseded"))
        return "superseded"
    try:
        message = mail_build(obj, template=template, context=template_context)
        message.reply_to = reply_to or []
        message.extra_headers["Message-ID"] = _message_id(context)
        message.send()
    except (InterfaceError, OperationalError):
        raise  # the database, not the mail server: the worker reconnects and runs this task again
    except Exception:
        logger.exception("E-mail %s to %s %s failed (attempt %s)", template, label, pk, attempt)
        if attempt < settings.MAIL_ATTEMPTS and task_backends[mail_deliver.backend].supports_defer:
            delay = datetime.timedelta(seconds=settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1))

            def retry_later():
                mail_deliver.using(run_after=timezone.now() + delay).enqueue(
                    label, pk, template, template_context, reply_to, attempt + 1
                )
                _record(model, pk, email_status=Mailable.EmailStatus.PENDING, email_attempts=attempt)
                _finish(context, "retrying")

            _settle(retry_later)
            return "retrying"

        def give_up():
            _record(model, pk, email_status=Mailable.EmailStatus.FAILED, email_attempts=attempt)
            _finish(context, "failed")

        _settle(give_up)
        return "failed"

    # The window: had the worker died between the SMTP server's "250 OK" and this commit, the task would
    # still be RUNNING and be taken again after TASK_RUNNING_TIMEOUT, sending the message a second time.
    def sent():
        _record(
            model,
            pk,
            email_status=Mailable.EmailStatus.SENT,
            email_attempts=attempt,
            email_sent_at=timezone.now(),
        )
        _finish(context, "sent")

    _settle(sent)
    return "sent"


def _in_this_database() -> bool:
    """Whether the queue is a table of this database: then a message is queued with the submission itself."""
    return isinstance(task_backends[mail_deliver.backend], DatabaseBackend)


def _enqueue(label: str, pk: int, template: str, context: dict, reply_to: list[str] | None) -> None:
    model = apps.get_model(label)
    try:
        with transaction.atomic():  # a savepoint: a queue that refuses leaves the submission whole
            _record(model, pk, email_status=Mailable.EmailStatus.PENDING, email_attempts=0)
            mail_deliver.enqueue(label, pk, template, context, reply_to)
    except Exception:  # a queue that is down is logged and recorded, never raised into the request
        logger.exception("Could not queue e-mail %s to %s %s", template, label, pk)
        if not transaction.get_connection().in_atomic_block:
            connections_reset()  # after the commit: what follows must not use a dead connection
        try:
            _record(model, pk, email_status=Mailable.EmailStatus.FAILED)
        except Error:
            logger.exception("Could not record e-mail %s to %s %s as failed", template, label, pk)


def mail_send(
    obj: Mailable, *, template: str, context: dict | None = None, reply_to: str | None = None
) -> None:
    """Queue ``template`` to ``obj``'s address; it is sent after the current transaction commits.

    On the database queue the task is written in the caller's transaction, so a submission that commits
    has its message queued, and one that does not has none: nothing can be lost between the commit and
    the queue. Any other queue (the demo's in-process one) is given the message after the commit. Either
    way nothing that goes wrong in queueing makes the submission fail (it is logged and recorded).

    ``context`` must be JSON-serialisable (it travels through the queue); everything about ``obj`` itself
    is read again when the message is rendered, so it says what is true when it is sent.
    """
    if not obj.mail_address:
        return
    label, pk, context = obj._meta.label, obj.pk, dict(context or {})
    replies = [reply_to] if reply_to else None
    if _in_this_database():
        _enqueue(label, pk, template, context, replies)
    else:
        transaction.on_commit(lambda: _enqueue(label, pk, template, context, replies), robust=True)
