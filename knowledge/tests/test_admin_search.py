"""Wagtail's admin page search (its own index, not readers' search) is updated once per page and
transaction, after commit (knowledge.admin_search): found when published, as a draft, after an
edit; gone when deleted; nothing indexed by a transaction that rolls back."""

import pytest
from django.db import transaction
from wagtail.models import Page

from knowledge.factories import PracticeSheetPageFactory
from knowledge.models import PracticeSheetPage

pytestmark = pytest.mark.django_db


def admin_search(words):
    return {page.pk for page in Page.objects.search(words)}


def admin_index_updates(callbacks):
    return [c for c in callbacks if getattr(c, "admin_index_key", None)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_updates_the_admin_index_once_after_commit(
    django_capture_on_commit_callbacks,
):
    sheet = PracticeSheetPageFactory(title="Cartographier les ressources")
    assert sheet.pk in admin_search("cartographier")

    page = PracticeSheetPage.objects.get(pk=sheet.pk)
    page.title = "Recenser les partenaires"
    with transaction.atomic():
        with django_capture_on_commit_callbacks() as callbacks:
            page.save_revision().publish()  # two saves of the page row
        assert len(admin_index_updates(callbacks)) == 1
        assert sheet.pk not in admin_search("recenser")  # not before commit
    assert sheet.pk in admin_search("recenser")


def test_drafts_are_found_and_deleted_pages_are_not(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = PracticeSheetPageFactory(title="Brouillon introuvable ailleurs", live=False)
    assert draft.pk in admin_search("introuvable")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=draft.pk).delete()
    assert draft.pk not in admin_search("introuvable")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_transaction_indexes_nothing_and_the_next_one_does():
    sheet = PracticeSheetPageFactory(title="Première version")
    with pytest.raises(RuntimeError), transaction.atomic():
        page = PracticeSheetPage.objects.get(pk=sheet.pk)
        page.title = "Version abandonnée"
        page.save()
        raise RuntimeError
    assert sheet.pk not in admin_search("abandonnée")
    page = PracticeSheetPage.objects.get(pk=sheet.pk)
    page.title = "Version retenue"
    page.save()
    assert sheet.pk in admin_search("retenue")
