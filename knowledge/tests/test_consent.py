"""A testimony reaches readers only with recorded consent: drafts yes, publication no.

Submission to the workflow is covered by test_workflow.py; this file covers direct publication
(admin editor and creation form), the model-level guard, consent withdrawal on a live testimony
(refused with how-to, never a 500) and the happy path.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from knowledge import factories
from knowledge.factories import TestimonyPageFactory
from knowledge.forms import CONSENT_REQUIRED_MESSAGE, CONSENT_WITHDRAWN_WHILE_LIVE_MESSAGE
from knowledge.models import TestimonyPage
from knowledge.visibility import is_visible

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def draft_without_consent(**kwargs):
    return TestimonyPageFactory(live=False, consent_given=False, consent_date=None, **kwargs)


def test_a_testimony_without_consent_can_be_saved_as_a_draft(
    superuser_client, edit_url, form_data_for_testimony
):
    page = draft_without_consent()
    data = form_data_for_testimony(page, quote="Une citation retravaillée avant accord.")

    response = superuser_client.post(edit_url(page), data)

    assert response.status_code == 302  # saved, back to the editor
    page = TestimonyPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.get_latest_revision_as_object().quote == "Une citation retravaillée avant accord."


def test_publishing_without_consent_from_the_editor_is_refused_with_the_french_message(
    superuser_client, edit_url, form_data_for_testimony, shows
):
    page = draft_without_consent()
    revisions_before = page.revisions.count()

    response = superuser_client.post(
        edit_url(page), form_data_for_testimony(page, "action-publish")
    )

    assert response.status_code == 200  # the form comes back with the error, not a 500
    assert shows(response, CONSENT_REQUIRED_MESSAGE)
    page = TestimonyPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.live_revision is None
    assert page.revisions.count() == revisions_before  # nothing half-saved
    assert not is_visible(page)


def test_publishing_with_only_the_box_ticked_but_no_date_is_refused(
    superuser_client, edit_url, form_data_for_testimony, shows
):
    page = draft_without_consent()
    data = form_data_for_testimony(page, "action-publish", consent_given="on")

    response = superuser_client.post(edit_url(page), data)

    assert response.status_code == 200
    assert shows(response, CONSENT_REQUIRED_MESSAGE)
    assert not TestimonyPage.objects.get(pk=page.pk).live


def test_creating_and_publishing_a_testimony_without_consent_is_refused(
    superuser_client, form_data_for_testimony, shows
):
    index = factories.testimony_index_page()
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "testimonypage", index.pk])
    draft = TestimonyPage(
        title="Nouvelle remontée",
        slug="nouvelle-remontee",
        summary="",
        quote="Sans accord écrit, pas de publication.",
        speaker_role="Coordinateur CLSM",
        seniority="lt1",
    )

    response = superuser_client.post(url, form_data_for_testimony(draft, "action-publish"))

    assert response.status_code == 200
    assert shows(response, CONSENT_REQUIRED_MESSAGE)
    assert not Page.objects.filter(slug="nouvelle-remontee").exists()


def test_withdrawing_consent_on_a_live_testimony_cannot_be_published(
    superuser_client, edit_url, form_data_for_testimony, shows
):
    page = TestimonyPageFactory()  # live, consent recorded
    data = form_data_for_testimony(page, "action-publish", quote="Version sans accord.")
    # Unticked checkbox and empty date: what the editor posts when consent is removed.

    response = superuser_client.post(edit_url(page), data)

    assert response.status_code == 200
    assert shows(response, CONSENT_REQUIRED_MESSAGE)
    live = TestimonyPage.objects.get(pk=page.pk)
    assert live.live and live.consent_recorded
    assert live.quote != "Version sans accord."  # the live version is untouched


def test_the_model_refuses_to_save_a_live_testimony_without_consent():
    page = draft_without_consent()
    page.live = True
    with pytest.raises(ValidationError) as refused:
        page.save()
    assert str(CONSENT_REQUIRED_MESSAGE) in refused.value.messages
    assert not TestimonyPage.objects.get(pk=page.pk).live


def test_publishing_a_revision_without_consent_is_refused_by_the_model():
    # Every path (scheduler, workflow, shell) ends in revision.publish(): the guard holds there too.
    page = draft_without_consent()
    revision = page.save_revision()
    with pytest.raises(ValidationError):
        revision.publish()
    assert not TestimonyPage.objects.get(pk=page.pk).live


def test_with_consent_the_editor_publishes_and_readers_see_it(
    superuser_client, client, edit_url, form_data_for_testimony
):
    page = draft_without_consent()
    data = form_data_for_testimony(
        page, "action-publish", consent_given="on", consent_date="2026-05-04"
    )

    response = superuser_client.post(edit_url(page), data)

    assert response.status_code == 302
    page = TestimonyPage.objects.get(pk=page.pk)
    assert page.live and page.consent_recorded
    assert page.consent_date == datetime.date(2026, 5, 4)
    assert is_visible(page)
    superuser_client.logout()
    assert client.get(page.url).status_code == 200


def test_withdrawing_consent_on_a_live_testimony_explains_how_and_saves_nothing(
    superuser_client, edit_url, form_data_for_testimony, shows
):
    page = TestimonyPageFactory()  # live, consent recorded
    revisions_before = page.revisions.count()

    # "Enregistrer le brouillon" with « consentement recueilli » unticked and no date.
    response = superuser_client.post(edit_url(page), form_data_for_testimony(page))

    assert response.status_code == 200  # the form again, never an error page
    assert shows(response, CONSENT_WITHDRAWN_WHILE_LIVE_MESSAGE)
    page = TestimonyPage.objects.get(pk=page.pk)
    assert page.live and page.consent_given
    assert page.revisions.count() == revisions_before
