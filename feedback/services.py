"""Storing reader feedback and telling the page's referent.

Guarantees:
- a report is stored in one transaction with its history entry (« reçu »): both or nothing;
- the e-mail to the page's referent (or, without one, to the moderators) is sent only once the
  report is committed, and an e-mail failure is logged, never raised: the report stays;
- the e-mail carries what the reader wrote and a link to the inbox, never to the reader's
  address as sender (replies go through the inbox).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.log_actions import log

from feedback.models import Feedback, HelpfulVote
from knowledge.workflows import MODERATORS_GROUP

logger = logging.getLogger(__name__)


def record_report(page, category, message="", email=""):
    """Store a report on ``page`` (specific, visible) and schedule the referent's e-mail."""
    with transaction.atomic():
        feedback = Feedback.objects.create(
            page=page, category=category, message=message.strip(), email=email.strip()
        )
        log(instance=feedback, action="wagtail.create")
        transaction.on_commit(lambda: notify_referent(feedback.pk))
    return feedback


def record_vote(page, helpful):
    with transaction.atomic():
        return HelpfulVote.objects.create(page=page, helpful=helpful)


def recipients_for(page):
    """The page's referent when they have an address, else every active moderator with one."""
    referent = getattr(page, "referent", None)
    if referent is not None and referent.is_active and referent.email:
        return [referent.email]
    moderators = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
        .exclude(email="")
    )
    return sorted(set(moderators.values_list("email", flat=True)))


def notify_referent(feedback_id):
    try:
        feedback = Feedback.objects.select_related("page").get(pk=feedback_id)
        page = feedback.page.specific
        recipients = recipients_for(page)
        if not recipients:
            logger.warning("Feedback %s: nobody to notify (no referent, no moderator)", feedback.pk)
            return
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context = {
            "feedback": feedback,
            "page": page,
            "referent_label": getattr(page, "referent_label", ""),
            "inbox_url": base + reverse("feedback_inbox:edit", args=[feedback.pk]),
            "page_url": page.full_url or "",
        }
        subject = render_to_string("feedback/emails/new_feedback_subject.txt", context)
        body = render_to_string("feedback/emails/new_feedback.txt", context)
        send_mail(
            settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        # The report is committed: a mail server that is down must not lose it nor fail the
        # reader's request. The inbox and its dashboard count show it anyway.
        logger.exception("Feedback %s: the notification e-mail could not be sent", feedback_id)
