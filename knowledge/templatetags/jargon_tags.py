"""``{% jargon %}…{% endjargon %}``: the glossary explained where the jargon is.

Wrap a page's body (rich text and StreamField blocks alike) once: the first occurrence of each
live term in the whole wrapped HTML becomes its definition (``knowledge.jargon``), however
many blocks it spans. Cached per content version and rendered HTML; previews are never cached.
"""

from django import template
from django.utils.safestring import mark_safe

from knowledge import jargon

register = template.Library()


class JargonNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return mark_safe(jargon.annotate(html))  # noqa: S308 - HTML rendered by templates
        return mark_safe(jargon.annotate_cached(html))  # noqa: S308 - same


@register.tag(name="jargon")
def do_jargon(parser, token):
    nodelist = parser.parse(("endjargon",))
    parser.delete_first_token()
    return JargonNode(nodelist)
