"""Ids change between two installs: the old → new map and the rewriting of stored content.

An archive keeps every object under the id it had where it was exported. The importer records,
model by model, which new object each old id became (:class:`IdMap`; taxonomy, users, groups,
locales and content types are matched by natural key, everything else gets a new row), and
:class:`Remapper` rewrites every reference found in the serialised form Wagtail itself uses for
revisions (``serializable_data()``):

- foreign keys and many-to-many fields, from the model's own field declarations;
- StreamField choosers (page, document, image, snippet…), walking the field's block tree;
- rich text links and embeds (``<a linktype="page" id="…">``, ``<embed embedtype="image" id="…"/>``),
  whatever the field or block holding them, from Wagtail's registered link and embed handlers.

A reference to an object the map does not know (yet, or at all) becomes ``None`` (a link loses
its target, a chooser is emptied, a many-to-many item is dropped) and is counted, so the
importer can resolve the pages a second time once every page exists.
"""

import json
import re
from collections import Counter, defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import features as feature_registry
from wagtail.rich_text.rewriters import extract_attrs

A_TAG = re.compile(r"<a(\b[^>]*)>")
EMBED_TAG = re.compile(r"<embed(\b[^>]*)/>")
ID_ATTRIBUTE = re.compile(r'(\sid=")[^"]*(")')


def model_key(model):
    """The table an id belongs to: the root of a multi-table inheritance (every page type shares
    ``wagtailcore.page`` ids), or the model itself."""
    model = model._meta.concrete_model
    parents = model._meta.get_parent_list()
    root = parents[-1] if parents else model
    return root._meta.label_lower


class IdMap:
    """Old id → new id, per model key. Only registered models are remapped; any other reference
    is dropped (``None``), never kept pointing at whatever has that id in the new install."""

    def __init__(self):
        self._maps = defaultdict(dict)
        self.misses = Counter()  # model key → references that could not be resolved

    def register(self, *models_):
        for model in models_:
            self._maps.setdefault(model_key(model), {})

    def add(self, model, old, new):
        self._maps[model_key(model)][str(old)] = new

    def new_id(self, model, old):
        """The new id of ``old``, or ``None`` (counted as a miss) when it is unknown."""
        if old is None or old == "":
            return None
        key = model_key(model)
        new = self._maps.get(key, {}).get(str(old))
        if new is None:
            self.misses[key] += 1
        return new

    def known(self, model):
        return model_key(model) in self._maps

    def get_map(self, model):
        return self._maps.get(model_key(model), {})


def _handler_models(handlers):
    found = {}
    for name, handler in handlers.items():
        try:
            found[name] = handler.get_model()
        except (NotImplementedError, AttributeError, LookupError):
            continue  # external links, media embeds: nothing to remap
    return found


class Remapper:
    """Rewrites references in serialised content through an :class:`IdMap`."""

    def __init__(self, ids):
        self.ids = ids
        self._link_models = None
        self._embed_models = None

    # -- whole objects -------------------------------------------------------------------------

    def serialized(self, model, data, drop_child_relations=()):
        """A copy of ``data`` (``serializable_data()`` of a ``model`` instance) with every
        reference rewritten; ``pk`` is rewritten too when the model itself is in the map."""
        data = dict(data)
        if "pk" in data and self.ids.known(model):
            data["pk"] = self.ids.new_id(model, data["pk"])
        for field in model._meta.concrete_fields:
            if field.name in data:
                data[field.name] = self.field_value(field, data[field.name])
        for field in model._meta.many_to_many:
            if field.name in data and isinstance(data[field.name], list):
                new_ids = (self.ids.new_id(field.related_model, old) for old in data[field.name])
                data[field.name] = [new for new in new_ids if new is not None]
        for relation in get_all_child_relations(model):
            name = relation.get_accessor_name()
            if name not in data:
                continue
            if name in drop_child_relations:
                data[name] = []
                continue
            children = []
            for child in data[name] or []:
                child = self.serialized(relation.related_model, child)
                child["pk"] = None  # a new row, attached to the new parent when it is saved
                children.append(child)
            data[name] = children
        return data

    def field_value(self, field, value):
        if value is None:
            return None
        if isinstance(field, StreamField):
            return self.stream_field(field, value)
        if isinstance(field, RichTextField):
            return self.rich_text(value)
        if field.is_relation and (field.many_to_one or field.one_to_one):
            if field.remote_field.parent_link:
                return value
            return self.ids.new_id(field.related_model, value)
        return value

    # -- StreamField -----------------------------------------------------------------------------

    def stream_field(self, field, value):
        """A StreamField's raw value (its JSON string, as in revisions, or the parsed list)."""
        as_text = isinstance(value, str)
        raw = json.loads(value) if as_text else value
        raw = self.block_value(field.stream_block, raw)
        return json.dumps(raw, cls=DjangoJSONEncoder) if as_text else raw

    def block_value(self, block, raw):
        if raw is None:
            return None
        if isinstance(block, blocks.BaseStreamBlock):
            return [self._stream_child(block, item) for item in raw]
        if isinstance(block, blocks.BaseStructBlock):
            if not isinstance(raw, dict):
                return raw
            return {
                name: self.block_value(block.child_blocks[name], value)
                if name in block.child_blocks
                else value
                for name, value in raw.items()
            }
        if isinstance(block, blocks.ListBlock):
            return [self._list_item(block.child_block, item) for item in raw]
        if isinstance(block, blocks.ChooserBlock):
            return self.ids.new_id(block.model_class, raw)
        if isinstance(block, blocks.RichTextBlock):
            return self.rich_text(raw)
        return raw

    def _stream_child(self, block, item):
        if not isinstance(item, dict) or item.get("type") not in block.child_blocks:
            return item
        child = block.child_blocks[item["type"]]
        return {**item, "value": self.block_value(child, item.get("value"))}

    def _list_item(self, child_block, item):
        # Since Wagtail 2.16 a list item is {"type": "item", "value": …, "id": …}.
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            return {**item, "value": self.block_value(child_block, item["value"])}
        return self.block_value(child_block, item)

    # -- rich text -------------------------------------------------------------------------------

    @property
    def link_models(self):
        if self._link_models is None:
            self._link_models = _handler_models(feature_registry.get_link_types())
        return self._link_models

    @property
    def embed_models(self):
        if self._embed_models is None:
            self._embed_models = _handler_models(feature_registry.get_embed_types())
        return self._embed_models

    def rich_text(self, html):
        if not isinstance(html, str) or ("linktype" not in html and "embedtype" not in html):
            return html
        html = A_TAG.sub(lambda match: self._tag(match, "linktype", self.link_models), html)
        return EMBED_TAG.sub(lambda match: self._tag(match, "embedtype", self.embed_models), html)

    def _tag(self, match, type_attribute, handler_models):
        attrs = extract_attrs(match.group(1))
        model = handler_models.get(attrs.get(type_attribute))
        if model is None or "id" not in attrs:
            return match.group(0)
        new = self.ids.new_id(model, attrs["id"])
        if new is None:
            # The target is gone: a link keeps its text, an embed disappears.
            return "<a>" if type_attribute == "linktype" else ""
        return ID_ATTRIBUTE.sub(rf"\g<1>{new}\g<2>", match.group(0), count=1)
