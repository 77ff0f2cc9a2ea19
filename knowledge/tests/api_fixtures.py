"""Content for the API tests: one of each visible type, and one of each thing that must not show."""

from wagtail.models import PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    draft_of,
    taxonomy,
)
from knowledge.models import (
    Audience,
    Dispositif,
    GlossaryTerm,
    ProjectStep,
    Territory,
    TestimonyPage,
)


def build_api_content():
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    other_theme = ThemeFactory(name="Habitat", slug="habitat")
    diagnostic = taxonomy(ProjectStep, "diagnostic")
    clsm = taxonomy(Dispositif, "clsm")
    asv = taxonomy(Dispositif, "asv")
    essonne = taxonomy(Territory, "essonne")
    newcomer = taxonomy(Audience, "nouveau-coordinateur")

    chapter = GuideChapterPageFactory(
        title="Prendre son poste de coordinateur",
        body=[("heading", {"text": "Les premiers mois"})],
        themes=[theme],
        project_steps=[diagnostic],
    )
    testimony = TestimonyPageFactory(
        title="Un CLSM en Essonne",
        quote="Le conseil local de santé mentale a rapproché les bailleurs et le secteur.",
        dispositif=asv,
        territory=essonne,
        themes=[theme],
    )
    withdrawn = TestimonyPageFactory(title="Témoignage retiré", territory=essonne)
    # Consent withdrawn after publication (or legacy data): the row stays live but must not show.
    TestimonyPage.objects.filter(pk=withdrawn.pk).update(consent_given=False)
    sheet = PracticeSheetPageFactory(
        title="Réaliser un diagnostic local de santé mentale",
        themes=[theme],
        dispositifs=[clsm],
        audiences=[newcomer],
        project_steps=[diagnostic],
    )
    sheet.related_testimonies.set([testimony, withdrawn])
    sheet.save()
    other_sheet = PracticeSheetPageFactory(title="Animer un réseau d'habitat", themes=[other_theme])
    unpublished = PracticeSheetPageFactory(title="Fiche en préparation", live=False)
    private = PracticeSheetPageFactory(title="Fiche réservée au groupe de travail")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    draft_of(sheet, title="Titre du brouillon non publié", summary="Résumé du brouillon")

    term = GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        definition="<p>Instance de concertation locale en santé mentale.</p>",
    )
    draft_term = GlossaryTermFactory(term="Terme en brouillon", acronym="TEB", live=False)
    term.see_also.set([draft_term])
    term.save()
    # A draft revision of the live term: the API serves the live definition.
    edited = GlossaryTerm.objects.get(pk=term.pk)
    edited.definition = "<p>Définition du brouillon.</p>"
    edited.save_revision()

    from search.indexing import rebuild

    rebuild()
    return {
        "theme": theme,
        "chapter": chapter,
        "sheet": sheet,
        "other_sheet": other_sheet,
        "testimony": testimony,
        "withdrawn": withdrawn,
        "unpublished": unpublished,
        "private": private,
        "term": term,
        "draft_term": draft_term,
    }
