"""The abstract base page and the field-group mixins every Boussole page type is built from."""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from knowledge import content_version
from knowledge.facets import PROJECT_STEP, THEME, FacetField
from knowledge.models.updates import PageUpdate
from knowledge.visibility import may_be_restricted
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

# A page's referent is a named member of the working group or of the moderators.
REFERENT_CHOICES = models.Q(is_active=True, groups__name__in=[DRAFTERS_GROUP, MODERATORS_GROUP])


class FreshnessMixin(models.Model):
    """Editorial freshness: when the content was last checked and when it must be re-read."""

    last_verified_at = models.DateField(_("dernière vérification"), null=True, blank=True)
    next_review_at = models.DateField(
        _("prochaine relecture"),
        null=True,
        blank=True,
        help_text=_("Par défaut, douze mois après la publication."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("last_verified_at"), FieldPanel("next_review_at")],
            heading=_("Fraîcheur du contenu"),
        )
    ]

    class Meta:
        abstract = True


class ClassificationMixin(models.Model):
    """Themes and project steps: the taxonomy shared by chapters, sheets and testimonies."""

    themes = ParentalManyToManyField(
        "knowledge.Theme", verbose_name=_("thématiques"), blank=True, related_name="+"
    )
    project_steps = ParentalManyToManyField(
        "knowledge.ProjectStep",
        verbose_name=_("étapes de projet"),
        blank=True,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("project_steps", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classement"),
        )
    ]

    facet_fields = [FacetField(THEME, "themes"), FacetField(PROJECT_STEP, "project_steps")]
    # The reader content (chapters, sheets, testimonies) carries the feedback form (feedback app).
    accepts_feedback = True

    class Meta:
        abstract = True


class BoussolePage(Page, FreshnessMixin):
    """Fields, panels, search and API declarations shared by every page of the Boussole."""

    summary = models.TextField(
        _("chapeau"),
        blank=True,
        help_text=_(
            "Deux ou trois phrases qui disent à qui s'adresse la page et ce qu'on y trouve."
        ),
    )

    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable du contenu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=REFERENT_CHOICES,
        help_text=_(
            "Membre du groupe de travail ou de la modération qui suit ce contenu : il reçoit "
            "les retours des lecteurs et figure dans la liste des contenus à relire."
        ),
    )
    # Public note of the revision being published; stored in that revision, copied to a
    # knowledge.PageUpdate on publication and then emptied for the next one (knowledge.updates).
    update_note = models.CharField(
        _("note de mise à jour"),
        max_length=300,
        blank=True,
        help_text=_(
            "Facultatif, public : ce qui change pour les lecteurs dans cette publication "
            "(« Coordonnées de l'ARS mises à jour »). Affichée dans l'historique de la page et "
            "sur l'accueil ; vidée après la publication."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("referent"), FieldPanel("update_note")],
            heading=_("Suivi éditorial"),
        ),
        *FreshnessMixin.panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.AutocompleteField("title"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("last_published_at"),
    ]

    # Content-type label shown to readers in listings and search results.
    reader_type_label = _("Page")
    # The stable "type" value of this page type in search and its facet; None: not indexed.
    search_type = None
    # The taxonomies readers filter this page type on (knowledge.facets), like search_fields.
    facet_fields = []
    # Listing-only filters on fixed choices (knowledge.filters.ChoiceFilter).
    listing_filters = []
    # Wagtail's admin search index is updated once per transaction, after commit
    # (knowledge.admin_search), not on every save of the page row.
    search_auto_update = False
    # Whether readers get the feedback form on it (ClassificationMixin's content types do).
    accepts_feedback = False

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """The page at the end of ``path_components``: its place in the tree is looked up once
        per content version (a page saved, moved or deleted changes it), then the page itself
        in one query whatever its depth (Wagtail walks the tree, two queries a level). Same
        answers: 404 for a missing or non-live page; intermediate pages are not asked to route
        (no page type here routes its own sub-paths)."""
        if not path_components:
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        found = content_version.per_version_of(
            "route", url_path, lambda _request: self._locate(url_path, path_components)
        )
        if not found:
            raise Http404
        content_type_id, pk = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk).first()
        if page is None:
            raise Http404
        return page.route(request, [])

    def _locate(self, url_path, path_components):
        """(content type id, id) of the page at ``url_path`` below this one, or () if none."""
        # The slug is indexed (url_path is not): the database reads the few pages of that slug.
        found = (
            Page.objects.filter(
                slug=path_components[-1], url_path=url_path, path__startswith=self.path
            )
            .values_list("content_type_id", "pk")
            .first()
        )
        return found or ()

    def get_view_restrictions(self):
        """Wagtail's view restrictions of the page (its own and its ancestors'), without a query
        when none can apply (the restricted paths are read once per content version)."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def facet_values(self):
        """Taxonomy slugs by facet key, derived from ``facet_fields`` (read by the indexer)."""
        return {field.facet.key: field.slugs(self) for field in self.facet_fields}

    @property
    def updated_on(self):
        return self.last_published_at.date() if self.last_published_at else None

    @property
    def review_overdue(self):
        """True once the « prochaine relecture » date has passed: readers are told so."""
        return self.next_review_at is not None and self.next_review_at < timezone.localdate()

    @property
    def reviewed_on(self):
        """The last date someone vouched for the content: verification, else publication."""
        return self.last_verified_at or self.updated_on

    def update_history(self):
        """The public notes of this page's publications, newest first (one query)."""
        return list(PageUpdate.objects.filter(page_id=self.pk).order_by("-published_at", "-pk"))

    @property
    def referent_label(self):
        """The referent's name, as the freshness panel and the feedback e-mails show it."""
        user = self.referent
        if user is None:
            return ""
        return user.get_full_name().strip() or user.get_username()
