"""The reader feedback forms (feedback.views): every guarantee of the views' docstring."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageViewRestriction

from feedback import services
from feedback.models import MESSAGE_MAX_LENGTH, RETENTION_DAYS, Feedback, HelpfulVote, Status
from knowledge.factories import (
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    guide_page,
)
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

pytestmark = pytest.mark.django_db


class FailingEmailBackend:
    """An SMTP server that is down: every send fails."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("le serveur de courriel ne répond pas")


class DownCache(LocMemCache):
    """A shared cache that does not answer (Redis stopped)."""

    def __init__(self, *args, **kwargs):
        super().__init__("down", {})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("le cache ne répond pas")

    get = set = add = incr = delete = get_many = set_many = _fail


def post_report(client, page, **data):
    """POST the report form; upper-case keyword arguments are request headers (REMOTE_ADDR…)."""
    extra = {key: data.pop(key) for key in list(data) if key.isupper() or key.startswith("HTTP_")}
    return client.post(f"/retours/{page.pk}/", {"category": "obsolete", **data}, **extra)


# --- the widget on reader pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    "factory", [PracticeSheetPageFactory, TestimonyPageFactory], ids=["fiche", "remontee"]
)
def test_sheets_and_testimonies_carry_the_widget(client, markup, factory):
    page = factory()
    response = client.get(page.url)
    html = markup.text(response)
    assert "Cette page vous a-t-elle été utile ?" in html
    assert "Signaler une erreur ou proposer une mise à jour" in html
    forms = [attrs for tag, attrs in markup.tags(response) if tag == "form"]
    actions = {(f.get("action"), f.get("method")) for f in forms}
    assert (f"/retours/{page.pk}/utile/", "post") in actions
    assert (f"/retours/{page.pk}/", "post") in actions


def test_the_chapter_widget_lists_the_categories_and_no_csrf_token(client, markup, chapter):
    response = client.get(chapter.url)
    html = markup.text(response)
    for label in [
        "Information obsolète",
        "À préciser",
        "Erreur",
        "Je propose une remontée de terrain",
        "Autre",
    ]:
        assert label in html
    assert 'id="signaler"' in html
    # No token: anonymous reader pages stay cacheable (see the view's CSRF note).
    assert "csrfmiddlewaretoken" not in html
    assert f"{RETENTION_DAYS} jours" in html


def test_reader_pages_with_the_widget_stay_in_the_page_cache(client, settings, chapter):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 60
    client.get(chapter.url)
    assert client.get(chapter.url)["X-Boussole-Cache"] == "hit"


def test_the_guide_page_itself_has_no_widget_and_refuses_feedback(client, chapter):
    guide = guide_page()
    assert "Signaler une erreur" not in client.get(guide.url).content.decode()
    assert post_report(client, guide).status_code == 404


# --- valid submission, confirmation ------------------------------------------------------------


def test_a_valid_report_is_stored_and_confirmed_in_french(client, markup, chapter):
    response = post_report(
        client, chapter, message="Le numéro de l'ARS a changé.", email="lectrice@example.org"
    )

    assert response.status_code == 302
    assert response["Location"] == f"/retours/{chapter.pk}/merci/?envoi=signalement"
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.category, feedback.status) == (
        chapter.pk,
        "obsolete",
        Status.NEW,
    )
    assert feedback.message == "Le numéro de l'ARS a changé."
    assert feedback.email == "lectrice@example.org"
    thanks = markup.text(client.get(response["Location"]))
    assert "Votre signalement sur « Prendre son poste » a bien été enregistré" in thanks
    assert f"supprimés au bout de {RETENTION_DAYS} jours" in thanks
    assert "adresse IP" in thanks


def test_message_and_email_are_optional(client, chapter):
    assert post_report(client, chapter, category="autre").status_code == 302
    assert Feedback.objects.get().message == ""


def test_a_report_stores_no_address_of_the_reader(client, chapter):
    post_report(client, chapter, REMOTE_ADDR="203.0.113.9")
    row = Feedback.objects.values().get()
    assert "203.0.113.9" not in str(row)
    assert all("203.0.113.9" not in str(key) for key in cache._cache)  # hashed in the cache


def test_a_no_vote_is_stored_and_invites_a_report(client, markup, chapter):
    response = client.post(f"/retours/{chapter.pk}/utile/", {"utile": "non"})
    assert response.status_code == 302
    assert HelpfulVote.objects.get().helpful is False
    thanks = client.get(response["Location"])
    assert f"{chapter.url}#signaler" in markup.hrefs(thanks)
    client.post(f"/retours/{chapter.pk}/utile/", {"utile": "oui"})
    assert HelpfulVote.objects.filter(helpful=True).count() == 1


# --- validation: 400, French messages, input kept, nothing saved -------------------------------


def test_category_is_required(client, markup, chapter):
    response = client.post(f"/retours/{chapter.pk}/", {"message": "Un lien est cassé."})
    html = markup.text(response)
    assert response.status_code == 400
    assert "Choisissez de quoi il s'agit" in html
    assert "Un lien est cassé." in html  # the reader's input, kept
    assert not Feedback.objects.exists()


def test_an_unknown_category_is_refused(client, markup, chapter):
    response = post_report(client, chapter, category="publicite")
    assert response.status_code == 400
    assert "Choisissez une des catégories proposées." in markup.text(response)
    assert not Feedback.objects.exists()


def test_a_message_over_the_limit_is_refused(client, markup, chapter):
    response = post_report(client, chapter, message="x" * (MESSAGE_MAX_LENGTH + 1))
    html = markup.text(response)
    assert response.status_code == 400
    assert "Votre message est trop long : 2000 caractères au plus (il en compte 2001)." in html
    assert not Feedback.objects.exists()
    assert post_report(client, chapter, message="x" * MESSAGE_MAX_LENGTH).status_code == 302


def test_a_bad_email_is_refused_with_the_input_kept(client, markup, chapter):
    response = post_report(client, chapter, message="À corriger.", email="pas-une-adresse")
    html = markup.text(response)
    assert response.status_code == 400
    assert "Cette adresse e-mail n'est pas valide" in html
    assert 'value="pas-une-adresse"' in html and "À corriger." in html
    assert 'aria-invalid="true"' in html
    assert not Feedback.objects.exists()


def test_a_vote_without_answer_is_a_french_400(client, markup, chapter):
    response = client.post(f"/retours/{chapter.pk}/utile/", {"utile": "peut-etre"})
    assert response.status_code == 400
    assert "Répondez par oui ou par non." in markup.text(response)
    assert not HelpfulVote.objects.exists()


# --- spam guard ----------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, markup, chapter):
    response = post_report(client, chapter, message="Achetez !", site_web="http://spam.example")
    assert response.status_code == 302
    assert "merci" in response["Location"]
    assert not Feedback.objects.exists()
    vote = client.post(f"/retours/{chapter.pk}/utile/", {"utile": "oui", "site_web": "x"})
    assert vote.status_code == 302 and not HelpfulVote.objects.exists()


def test_the_rate_limit_refuses_the_nth_submission_from_one_address(
    client, markup, settings, chapter
):
    settings.BOUSSOLE_FEEDBACK_RATE = "3/h"
    for n in range(3):
        assert post_report(client, chapter, message=f"Retour {n}").status_code == 302

    refused = post_report(client, chapter, message="Quatrième retour")
    html = markup.text(refused)
    assert refused.status_code == 429
    assert "Vous avez envoyé beaucoup de retours en peu de temps" in html
    assert "Quatrième retour" in html  # kept for later
    assert int(refused["Retry-After"]) >= 1
    assert Feedback.objects.count() == 3
    # Votes share the budget; another address has its own.
    assert client.post(f"/retours/{chapter.pk}/utile/", {"utile": "oui"}).status_code == 429
    other = post_report(client, chapter, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_the_rate_limit_counts_in_the_shared_cache(client, settings, chapter):
    settings.BOUSSOLE_FEEDBACK_RATE = "1/h"
    assert post_report(client, chapter).status_code == 302
    assert post_report(client, chapter).status_code == 429
    cache.clear()  # the counter lives in the default cache every worker shares, nowhere else
    assert post_report(client, chapter).status_code == 302


def test_a_cache_that_is_down_lets_reports_through(client, settings, chapter, caplog):
    settings.BOUSSOLE_FEEDBACK_RATE = "1/h"
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.DownCache"}}
    for _ in range(3):
        assert post_report(client, chapter).status_code == 302
    assert Feedback.objects.count() == 3
    assert "rate limit not applied" in caplog.text


def test_a_post_from_another_site_is_refused(client, chapter):
    response = post_report(client, chapter, HTTP_ORIGIN="https://malveillant.example")
    assert response.status_code == 403
    assert "depuis La Boussole" in response.content.decode()
    assert not Feedback.objects.exists()
    same = post_report(client, chapter, HTTP_ORIGIN="http://testserver")
    assert same.status_code == 302


# --- transaction, e-mails ----------------------------------------------------------------------


def test_a_failure_mid_way_keeps_nothing_half_saved(client, markup, monkeypatch, chapter):
    def history_write_fails(*args, **kwargs):
        raise DatabaseError("disque plein")

    # The second write of the transaction (the inbox history entry) fails after the report row.
    monkeypatch.setattr(services, "log", history_write_fails)
    response = post_report(client, chapter, message="Mon texte à garder.")

    assert response.status_code == 503
    html = markup.text(response)
    assert "n'a pas pu être enregistré" in html and "Mon texte à garder." in html
    assert not Feedback.objects.exists()
    assert not ModelLogEntry.objects.filter(content_type__app_label="feedback").exists()


def test_a_report_is_recorded_with_its_history_entry(client, chapter):
    post_report(client, chapter)
    feedback = Feedback.objects.get()
    assert ModelLogEntry.objects.filter(
        content_type__app_label="feedback", object_id=str(feedback.pk), action="wagtail.create"
    ).exists()


def test_the_referent_gets_an_email_after_commit(
    client, make_user, chapter, django_capture_on_commit_callbacks
):
    referent = make_user("camille", DRAFTERS_GROUP)
    make_user("modo", MODERATORS_GROUP)
    type(chapter).objects.filter(pk=chapter.pk).update(referent=referent)

    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, chapter, category="erreur", message="Le chiffre est faux.")

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["camille@example.org"]
    assert "Nouveau retour sur « Prendre son poste » : Erreur" in sent.subject
    assert "Le chiffre est faux." in sent.body
    feedback = Feedback.objects.get()
    assert f"/admin/retours-lecteurs/edit/{feedback.pk}/" in sent.body


def test_without_a_referent_the_moderators_are_told(
    client, make_user, chapter, django_capture_on_commit_callbacks
):
    make_user("modo", MODERATORS_GROUP)
    make_user("redac", DRAFTERS_GROUP)
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, chapter)
    assert [m.to for m in mail.outbox] == [["modo@example.org"]]


def test_an_email_failure_does_not_lose_the_report(
    client, make_user, settings, chapter, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    make_user("modo", MODERATORS_GROUP)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, chapter, message="À garder malgré la panne.")

    assert response.status_code == 302
    assert Feedback.objects.get().message == "À garder malgré la panne."
    assert "could not be sent" in caplog.text


# --- only visible pages -------------------------------------------------------------------------


def test_no_feedback_on_unpublished_private_or_unknown_pages(client, chapter):
    draft = PracticeSheetPageFactory(live=False)
    private = PracticeSheetPageFactory()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    no_consent = TestimonyPageFactory(live=False, consent_given=False, consent_date=None)
    for page in (draft, private, no_consent):
        assert client.get(f"/retours/{page.pk}/").status_code == 404
        assert post_report(client, page).status_code == 404
        assert client.post(f"/retours/{page.pk}/utile/", {"utile": "oui"}).status_code == 404
        assert client.get(f"/retours/{page.pk}/merci/").status_code == 404
    assert client.get("/retours/999999/").status_code == 404
    assert not Feedback.objects.exists() and not HelpfulVote.objects.exists()


# --- retention ---------------------------------------------------------------------------------


def test_purge_deletes_what_is_older_than_the_retention_period(chapter):
    old = timezone.now() - datetime.timedelta(days=RETENTION_DAYS + 1)
    recent = timezone.now() - datetime.timedelta(days=RETENTION_DAYS - 1)
    Feedback.objects.create(page=chapter, category="autre", email="a@example.org", created_at=old)
    kept = Feedback.objects.create(page=chapter, category="autre", created_at=recent)
    HelpfulVote.objects.create(page=chapter, helpful=True, created_at=old)

    out = io.StringIO()
    call_command("boussole_purge_feedback", stdout=out)

    assert list(Feedback.objects.all()) == [kept]
    assert not HelpfulVote.objects.exists()
    assert "Supprimés (plus de 365 jours) : 1 signalement, 1 réponse « utile ? »." in out.getvalue()
