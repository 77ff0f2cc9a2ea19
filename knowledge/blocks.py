"""StreamField blocks for chapters and practice sheets. Each block has a template, icon and French label."""

import threading

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from knowledge import content_version
from knowledge.cards import with_card_facets
from knowledge.visibility import expect_visibility_checks

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class PageChooserBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser, whose pages are looked up once per content version and process
    (a page saved anywhere changes the version): a listing of twenty sheets or a chapter quoting
    five testimonies does not query once per block. Stored data is Wagtail's own (same
    migration path). Visibility is checked where the page is shown; it is looked up here for
    all the pages at once (``expect_visibility_checks``), not once per block."""

    CACHE_LIMIT = 5000
    _cache, _lock = {"version": None, "pages": {}}, threading.Lock()

    def bulk_to_python(self, values):
        version = content_version.current()
        if version is None:
            return super().bulk_to_python(values)
        with self._lock:
            if self._cache["version"] != version:
                self._cache.update(version=version, pages={})
            pages = self._cache["pages"]
            key = self.target_model._meta.label_lower
            missing = [v for v in values if v is not None and (key, v) not in pages]
        if missing:
            # With what a card or a quote shows of them (a testimony's département…).
            found = with_card_facets(self.target_model.objects.all()).in_bulk(missing)
            expect_visibility_checks(found.values())
            with self._lock:
                if len(pages) > self.CACHE_LIMIT:
                    pages.clear()
                for pk in missing:
                    pages[(key, pk)] = found.get(pk)
        return [None if v is None else pages.get((key, v)) for v in values]

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titre"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "knowledge/blocks/heading.html"


class ReflexesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), default=_("Réflexes à acquérir"), max_length=200)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("réflexe"), max_length=400), label=_("réflexes")
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Réflexes à acquérir")
        template = "knowledge/blocks/reflexes.html"


class QuotedTestimonyBlock(blocks.StructBlock):
    testimony = PageChooserBlock(
        label=_("remontée de terrain"),
        page_type="knowledge.TestimonyPage",
        required=False,
        help_text=_("Choisir une remontée publiée, ou saisir une citation ci-dessous."),
    )
    quote = blocks.TextBlock(label=_("citation"), required=False)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation de terrain")
        template = "knowledge/blocks/quoted_testimony.html"


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("intitulé"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    page = PageChooserBlock(label=_("page de la Boussole"), required=False)
    document = DocumentChooserBlock(label=_("document"), required=False)
    url = blocks.URLBlock(label=_("lien externe"), required=False)

    class Meta:
        icon = "link"
        label = _("Ressource")
        template = "knowledge/blocks/resource.html"


class ResourceListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), default=_("Ressources"), max_length=200)
    resources = blocks.ListBlock(ResourceBlock(), label=_("ressources"))

    class Meta:
        icon = "list-ul"
        label = _("Liste de ressources")
        template = "knowledge/blocks/resource_list.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[("info", _("À savoir")), ("tip", _("Conseil")), ("warning", _("Vigilance"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "knowledge/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("étape"), max_length=200)
    body = blocks.RichTextBlock(label=_("détail"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        template = "knowledge/blocks/step.html"


HEADING = ("heading", HeadingBlock())
PARAGRAPH = (
    "paragraph",
    blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Texte"),
        template="knowledge/blocks/paragraph.html",
    ),
)
REFLEXES = ("reflexes", ReflexesBlock())
QUOTED_TESTIMONY = ("quoted_testimony", QuotedTestimonyBlock())
RESOURCES = ("resources", ResourceListBlock())
CALLOUT = ("callout", CalloutBlock())
STEP = ("step", StepBlock())
RESOURCE = ("resource", ResourceBlock())

CHAPTER_BODY_BLOCKS = [HEADING, PARAGRAPH, REFLEXES, QUOTED_TESTIMONY, RESOURCES, CALLOUT]
SHEET_BODY_BLOCKS = [HEADING, PARAGRAPH, REFLEXES, QUOTED_TESTIMONY, CALLOUT]
SHEET_STEP_BLOCKS = [STEP]
SHEET_RESOURCE_BLOCKS = [RESOURCE]
