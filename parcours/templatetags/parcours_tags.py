"""Template tags of the parcours: where a reader page sits in the parcours that lead to it."""

from django import template

from parcours import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def parcours_memberships(context, target):
    """The visible parcours leading to ``target`` (a page or a glossary term):
    [Membership(path, previous, step, next)]."""
    if target is None or not getattr(target, "pk", None):
        return []
    return navigation.memberships(target, context.get("request"))


@register.simple_tag(takes_context=True)
def first_parcours(context):
    """The first visible parcours with steps, in the page tree's order (the home page's
    newcomer section points to it); None if there is none."""
    return next((p for p in navigation.paths(context.get("request")).values() if p.steps), None)
