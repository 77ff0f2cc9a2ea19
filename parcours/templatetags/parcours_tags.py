"""Template tags of the parcours: where a reader page sits in the parcours that lead to it."""

from django import template

from parcours import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def parcours_memberships(context, page):
    """The visible parcours leading to ``page``: [Membership(path, previous, step, next)]."""
    if page is None or not getattr(page, "pk", None):
        return []
    return navigation.memberships(page, context.get("request"))
