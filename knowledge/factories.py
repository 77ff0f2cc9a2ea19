"""Factories for tests and the benchmark: build pages under the real home page, with taxonomy."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Page

from home.models import HomePage
from knowledge import models


def home_page():
    """The site root created by the home migration."""
    return HomePage.objects.get(depth=2)


def _child_of_unique(model, title, slug):
    """Return the single page of `model` (max_count=1 types), creating it under the home page."""
    existing = model.objects.first()
    if existing:
        return existing
    page = model(title=title, slug=slug)
    home_page().add_child(instance=page)
    return page


def guide_page():
    return _child_of_unique(models.GuidePage, "La Boussole", "la-boussole")


def sheet_index_page():
    return _child_of_unique(models.PracticeSheetIndexPage, "Fiches pratiques", "fiches-pratiques")


def testimony_index_page():
    return _child_of_unique(
        models.TestimonyIndexPage, "Remontées de terrain", "remontees-de-terrain"
    )


def related(name):
    """Post-generation setter for a many-to-many relation: `Factory(themes=[theme])`."""

    def set_relation(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)
            obj.save()

    return factory.PostGeneration(set_relation)


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")

    class Meta:
        model = models.Theme
        django_get_or_create = ("slug",)


class GlossaryTermFactory(DjangoModelFactory):
    term = factory.Sequence(lambda n: f"Terme {n}")
    acronym = ""
    definition = factory.LazyAttribute(lambda o: f"<p>Définition de {o.term}.</p>")
    live = True

    class Meta:
        model = models.GlossaryTerm


def taxonomy(model, slug):
    """A reference taxonomy term created by migration (dispositif, territoire, public, étape)."""
    return model.objects.get(slug=slug)


class BoussolePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = factory.LazyAttribute(lambda o: f"Résumé de « {o.title} ».")
    live = True

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    themes = related("themes")
    project_steps = related("project_steps")


class GuideChapterPageFactory(BoussolePageFactory):
    parent = factory.LazyFunction(guide_page)
    title = factory.Sequence(lambda n: f"Chapitre {n}")

    class Meta:
        model = models.GuideChapterPage


class PracticeSheetPageFactory(BoussolePageFactory):
    parent = factory.LazyFunction(sheet_index_page)
    title = factory.Sequence(lambda n: f"Fiche pratique {n}")
    objectives = "<p>Savoir par où commencer.</p>"

    class Meta:
        model = models.PracticeSheetPage

    dispositifs = related("dispositifs")
    audiences = related("audiences")


class TestimonyPageFactory(BoussolePageFactory):
    parent = factory.LazyFunction(testimony_index_page)
    title = factory.Sequence(lambda n: f"Remontée de terrain {n}")
    quote = "On apprend le métier en marchant, avec les partenaires du quartier."
    speaker_role = "Coordinatrice ASV"
    seniority = models.Seniority.ONE_TO_THREE
    collected_on = datetime.date(2026, 3, 12)
    consent_given = True
    consent_date = datetime.date(2026, 3, 12)

    class Meta:
        model = models.TestimonyPage


def draft_of(page, **changes):
    """Save a draft revision of a live page with `changes`, leaving the live version untouched."""
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()
