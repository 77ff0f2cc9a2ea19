"""The demo parcours « Prendre son poste de coordinateur·rice »: created once by the demo command
over the demo's own chapters, sheets, testimonies and glossary, every step visible."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from parcours import navigation
from parcours.demo import PARCOURS
from parcours.models import ParcoursPage

pytestmark = pytest.mark.django_db

SLUG = "prendre-son-poste-de-coordinateur-rice"


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Output of the first load into an empty database; the data is shared by the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load()
        yield output
        transaction.set_rollback(True)


def test_the_demo_parcours_has_nine_visible_steps_over_all_kinds(first_run):
    assert "Parcours : 1 créé, 0 existant" in first_run
    parcours = ParcoursPage.objects.get(slug=SLUG)
    assert parcours.live and parcours.title == "Prendre son poste de coordinateur·rice"
    assert 8 <= parcours.steps.count() <= 10
    path = navigation.paths()[parcours.pk]
    assert path.total == parcours.steps.count() == len(PARCOURS[0]["steps"])
    kinds = {step.target_type for step in path.steps}
    assert kinds == {
        "knowledge.GuideChapterPage",
        "knowledge.PracticeSheetPage",
        "knowledge.TestimonyPage",
        "knowledge.GlossaryTerm",
    }
    assert all(step.introduction for step in path.steps)


def test_the_demo_step_pages_show_their_place(first_run, client):
    parcours = ParcoursPage.objects.get(slug=SLUG)
    path = navigation.paths()[parcours.pk]
    third = path.steps[2]
    html = client.get(third.url).content.decode()
    assert f"Étape 3 sur {path.total} du parcours" in html
    assert client.get(parcours.url).status_code == 200


def test_a_second_run_leaves_the_parcours_as_the_editors_left_it(first_run):
    parcours = ParcoursPage.objects.get(slug=SLUG)
    parcours.steps.last().delete()
    second = load()
    assert "Parcours : 0 créé, 1 existant" in second
    assert ParcoursPage.objects.count() == 1
    assert parcours.steps.count() == len(PARCOURS[0]["steps"]) - 1
