"""Background work of offers: e-mail, sent after the submission is committed and retried by the worker."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def offer_email_send(
    *, to: list[str], template: str, context: dict, language: str, reply_to: list[str] | None = None
) -> None:
    """Render ``offers/emails/<template>_subject.txt`` and ``_body.txt`` in ``language`` and send them."""
    with translation.override(language):
        subject = render_to_string(f"offers/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"offers/emails/{template}_body.txt", context)
    EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=to, reply_to=reply_to or None
    ).send()
