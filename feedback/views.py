"""Reader views of the feedback forms (no account, no session, no cookie).

Guarantees:
- only pages readers can see (live, public, consent recorded) that accept feedback (chapters,
  sheets, testimonies) take feedback; any other page id gives a 404, GET or POST;
- a valid submission is stored in one transaction, then the reader is redirected to a French
  confirmation page (Post/Redirect/Get) that states how long data is kept;
- invalid input is re-shown with the reader's input and French messages, status 400, nothing
  stored; too many submissions from one address: 429 with a French message and the input kept;
- a filled honeypot is answered like a success, and nothing is stored;
- the database failing mid-way stores nothing and re-shows the form with the input (503);
- the forms carry no CSRF token, so the widget keeps reader pages cacheable: these views are
  exempt from the token and refuse instead any POST whose Origin (or Referer) is another site.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from feedback import services, throttling
from feedback.forms import ReportForm, VoteForm
from feedback.models import RETENTION_DAYS
from knowledge.visibility import visible_pages

logger = logging.getLogger(__name__)

SENT_KINDS = {"signalement", "oui", "non"}


def feedback_page(page_id):
    """The specific page readers may send feedback on, or 404."""
    page = visible_pages(Page.objects.filter(pk=page_id)).first()
    page = page.specific if page is not None else None
    if page is None or not getattr(page, "accepts_feedback", False):
        raise Http404(_("Cette page n'existe pas ou n'accepte pas de retours."))
    return page


def _same_origin(request):
    """False for a POST another site made the browser send (its Origin or Referer says so)."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return True  # not sent by a browser form on another site
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return True
    return parts.netloc == request.get_host() and parts.scheme in ("http", "https")


def _refused_origin():
    return HttpResponseForbidden(
        _("Ce formulaire ne peut être envoyé que depuis La Boussole."),
        content_type="text/plain; charset=utf-8",
    )


def _throttled_message(wait):
    minutes = max(1, -(-wait // 60))
    return ngettext(
        "Vous avez envoyé beaucoup de retours en peu de temps. Merci de réessayer dans "
        "%(minutes)d minute : votre texte est conservé ci-dessous.",
        "Vous avez envoyé beaucoup de retours en peu de temps. Merci de réessayer dans "
        "%(minutes)d minutes : votre texte est conservé ci-dessous.",
        minutes,
    ) % {"minutes": minutes}


def _form_page(request, page, form, status, notice=""):
    response = render(
        request,
        "feedback/report_page.html",
        {"page": page, "feedback_page": page, "form": form, "notice": notice},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(throttling.seconds_to_wait_hint(request))
    return response


def _thanks(page, kind):
    return redirect(reverse("feedback:thanks", args=[page.pk]) + f"?envoi={kind}")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, page_id):
    """« Signaler une erreur ou proposer une mise à jour » on a page (GET: the form alone)."""
    page = feedback_page(page_id)
    if request.method != "POST":
        return _form_page(request, page, ReportForm(), 200)
    if not _same_origin(request):
        return _refused_origin()
    form = ReportForm(request.POST)
    if form.is_spam():
        logger.info("Feedback honeypot filled on page %s: ignored", page.pk)
        return _thanks(page, "signalement")
    if not form.is_valid():
        return _form_page(request, page, form, 400)
    wait = throttling.seconds_to_wait(request)
    if wait is not None:
        return _form_page(request, page, form, 429, _throttled_message(wait))
    data = form.cleaned_data
    try:
        services.record_report(page, data["category"], data["message"], data["email"])
    except DatabaseError:
        logger.exception("Feedback on page %s could not be stored", page.pk)
        notice = _(
            "Votre retour n'a pas pu être enregistré à cause d'un incident technique. Votre texte "
            "est conservé ci-dessous : merci de l'envoyer de nouveau dans quelques instants."
        )
        return _form_page(request, page, form, 503, notice)
    return _thanks(page, "signalement")


@csrf_exempt
@require_POST
def vote(request, page_id):
    """« Cette page vous a-t-elle été utile ? » — oui / non."""
    page = feedback_page(page_id)
    if not _same_origin(request):
        return _refused_origin()
    form = VoteForm(request.POST)
    if form.is_spam():
        return _thanks(page, "oui")
    if not form.is_valid():
        return _form_page(request, page, ReportForm(), 400, _("Répondez par oui ou par non."))
    if throttling.seconds_to_wait(request) is not None:
        return _form_page(request, page, ReportForm(), 429, _throttled_message(60))
    try:
        services.record_vote(page, form.helpful)
    except DatabaseError:
        logger.exception("Vote on page %s could not be stored", page.pk)
        notice = _("Votre réponse n'a pas pu être enregistrée : merci de réessayer plus tard.")
        return _form_page(request, page, ReportForm(), 503, notice)
    return _thanks(page, "oui" if form.helpful else "non")


@require_GET
def thanks(request, page_id):
    """The French confirmation, with how long data is kept and a way back to the page."""
    page = feedback_page(page_id)
    kind = request.GET.get("envoi")
    if kind not in SENT_KINDS:
        kind = "signalement"
    return render(
        request,
        "feedback/thanks.html",
        {"page": page, "feedback_page": page, "kind": kind, "retention_days": RETENTION_DAYS},
    )
