"""What every demo module shares: a demo page's natural key is its slug under its parent, so a
run creates only the pages that are missing there and leaves the others exactly as editors left
them (the guide's pages, information pages, parcours, staged sheets)."""

from dataclasses import dataclass, field


@dataclass
class Added:
    """What :func:`add_missing` did under one parent."""

    new: list = field(default_factory=list)  # (page, item) per page created, in the items' order
    existing: int = 0  # items whose page was already there, left untouched
    ids: dict = field(default_factory=dict)  # slug → id of every such page, the new ones included


def fields(item, *names):
    """The values ``item`` has for ``names``, as a model's keyword arguments."""
    return {name: item[name] for name in names if name in item}


def add_missing(parent, model, items, build):
    """Add under ``parent`` the page ``build(item)`` makes for each of ``items`` (dicts with a
    ``slug``) that no ``model`` page under ``parent`` has. The pages are unpublished drafts: the
    caller publishes them, or sends them to review, once they are complete."""
    added = Added(ids=dict(model.objects.child_of(parent).values_list("slug", "pk")))
    for item in items:
        if item["slug"] in added.ids:
            added.existing += 1
            continue
        page = build(item)
        page.live = False
        parent.add_child(instance=page)
        added.ids[page.slug] = page.pk
        added.new.append((page, item))
    return added
