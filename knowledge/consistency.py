"""Pages whose stored state contradicts itself (what a request killed half-way could leave)."""

from wagtail.models import Page


def live_pages_without_live_revision():
    """Live content pages with no live revision: published without their revision ever being
    saved. (The tree root and the home page a fresh install creates have none, rightly.)"""
    return Page.objects.filter(live=True, depth__gt=2, live_revision__isnull=True).order_by("path")
