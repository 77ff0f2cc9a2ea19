"""Parcours: an ordered path through the guide's chapters, practice sheets, field testimonies and
glossary terms, each step introduced in a few words. Readers follow it at their own pace; what
they have seen is kept in their browser only (static/parcours/parcours.js)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from knowledge.models import BoussolePage
from parcours import navigation, updates
from parcours.serializers import ParcoursStepsField

# The page types a step may lead to (the glossary is the other kind of step).
STEP_PAGE_TYPES = (
    "knowledge.GuideChapterPage",
    "knowledge.PracticeSheetPage",
    "knowledge.TestimonyPage",
)
INTRODUCTION_MAX_LENGTH = 600


class ParcoursPage(BoussolePage):
    """A path for newcomers: steps in order, each leading to one page or one glossary term."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BoussolePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel("steps", label=_("Étapes"), heading=_("Étapes du parcours"), min_num=1),
    ]
    search_fields = [
        *BoussolePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("steps_text"),
    ]
    api_fields = [
        *BoussolePage.api_fields,
        APIField("introduction"),
        APIField("steps", serializer=ParcoursStepsField()),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    reader_type_label = _("Parcours")
    search_type = "parcours"

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        path = navigation.path_for(self, request)
        context["path"] = path
        notes = updates.notes_for(path)
        context["updates"] = notes
        context["has_recent_updates"] = any(note.recent for note in notes)
        context["recent_days"] = updates.RECENT_DAYS
        return context

    def steps_text(self):
        """What the search index reads of the steps: their introductions (the targets' own
        titles stay theirs: a search for a chapter finds the chapter, not every parcours)."""
        return "\n".join(self.steps.values_list("introduction", flat=True))


class ParcoursStep(Orderable):
    """One step: a chapter, sheet or testimony, or a glossary term, with its introduction."""

    parcours = ParentalKey(ParcoursPage, on_delete=models.CASCADE, related_name="steps")
    # A deleted target leaves its step without one: readers skip it, editors see it to replace.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un chapitre, une fiche pratique ou une remontée de terrain."),
    )
    glossary_term = models.ForeignKey(
        "knowledge.GlossaryTerm",
        verbose_name=_("terme du glossaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ou bien un terme du glossaire."),
    )
    introduction = models.TextField(
        _("introduction de l'étape"),
        max_length=INTRODUCTION_MAX_LENGTH,
        validators=[MaxLengthValidator(INTRODUCTION_MAX_LENGTH)],  # max_length alone: forms only
        help_text=_("Une ou deux phrases : pourquoi lire ceci à ce moment du parcours."),
    )

    panels = [
        PageChooserPanel("page", page_type=list(STEP_PAGE_TYPES)),
        FieldPanel("glossary_term"),
        FieldPanel("introduction"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.glossary_term_id):
            raise ValidationError(
                _("Choisissez soit une page, soit un terme du glossaire (l'un des deux).")
            )
        if self.page_id:
            model = self.page.specific_class
            label = f"{model._meta.app_label}.{model.__name__}" if model else ""
            if label not in STEP_PAGE_TYPES:
                raise ValidationError(
                    {
                        "page": _(
                            "Une étape mène à un chapitre, une fiche pratique ou une remontée "
                            "de terrain."
                        )
                    }
                )
