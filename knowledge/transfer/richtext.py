"""Markdown → the rich text Wagtail stores, cleaned the way its editor cleans it.

The Markdown is rendered to HTML (markdown-it-py, CommonMark) with every link whose target
Wagtail refuses (``wagtail.whitelist.check_url``: ``javascript:``, ``data:``…) turned back into
its plain text, then cleaned:

1. when the file holds raw HTML, Wagtail's own whitelister for the field's features
   (``DbWhitelister``, the rules each feature registers): unknown elements are unwrapped,
   attributes dropped, links checked (``wagtail.whitelist.check_url``). Elements whose content
   is code or a foreign document (``<script>``, ``<style>``, ``<iframe>``…) are removed with
   their content instead of unwrapped. Without raw HTML the renderer only wrote elements of its
   own, and step 2 is enough;
2. always, a round trip through Wagtail's contentstate converter for the same features, the
   format of the Draftail editor: what is stored is exactly what the editor would store after
   opening and saving the text (``<b>``/``<i>``, block keys, only the elements the features
   allow, link targets checked again by ``check_url``, no empty paragraph).

For a StreamField body, the text is cut at its level-1 and level-2 headings: each becomes a
heading block, and what lies between them a paragraph (rich text) block.
"""

import json

from markdown_it import MarkdownIt
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import check_url

# Removed with everything inside them: their content is not text a reader should see.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "textarea",
        "select",
        "button",
        "form",
        "head",
        "title",
        "svg",
        "math",
    }
)
HEADING_BLOCK_TYPES = ("header-one", "header-two")
HEADING_FEATURES = ("h1", "h2")


class SafeWhitelister(DbWhitelister):
    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_WITH_CONTENT and "data-embedtype" not in tag.attrs:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


RAW_HTML_TOKENS = frozenset({"html_block", "html_inline"})


def _has_raw_html(tokens):
    for token in tokens:
        if token.type in RAW_HTML_TOKENS:
            return True
        if token.children and _has_raw_html(token.children):
            return True
    return False


def _unlink_unsafe(tokens):
    """Remove the links whose target Wagtail refuses (``javascript:``…), keeping their text."""
    for token in tokens:
        if not token.children:
            continue
        kept, opened = [], []
        for child in token.children:
            if child.type == "link_open":
                safe = check_url(child.attrGet("href") or "") is not None
                opened.append(safe)
                if not safe:
                    continue
            elif child.type == "link_close" and not (opened.pop() if opened else True):
                continue
            kept.append(child)
        token.children = kept


def _without_empty_blocks(state):
    """Drop the empty paragraphs a rule, a code fence or removed HTML leave behind."""
    state["blocks"] = [
        block
        for block in state.get("blocks", [])
        if block.get("text", "").strip() or block.get("entityRanges") or block["type"] == "atomic"
    ]
    return state


class RichTextCleaner:
    """Markdown → stored rich text for one set of features (a field's or a block's)."""

    def __init__(self, features=None):
        self.features = list(features) if features is not None else None
        converter = EditorHTMLConverter(self.features)
        self.whitelister = SafeWhitelister(converter.converter_rules)
        self.contentstate = ContentstateConverter(self.features)
        self._markdown = MarkdownIt("commonmark", {"html": True})
        # Every link reaches the tokens, so that a refused one loses its target, not its text.
        self._markdown.validateLink = lambda url: True

    def render(self, text):
        """Markdown → (HTML, whether the source held raw HTML)."""
        tokens = self._markdown.parse(text)
        _unlink_unsafe(tokens)
        html = self._markdown.renderer.render(tokens, self._markdown.options, {})
        return html, _has_raw_html(tokens)

    def contentstate_of_html(self, html, untrusted=True):
        if untrusted:
            html = self.whitelister.clean(html)
        return _without_empty_blocks(json.loads(self.contentstate.from_database_format(html)))

    def contentstate_of(self, text):
        html, raw = self.render(text)
        return self.contentstate_of_html(html, untrusted=raw)

    def to_database(self, blocks, entity_map):
        if not blocks:
            return ""
        return self.contentstate.to_database_format(
            json.dumps({"blocks": blocks, "entityMap": entity_map})
        )

    def clean_html(self, html):
        """Any HTML → the database format, as the editor would save it."""
        state = self.contentstate_of_html(html)
        return self.to_database(state["blocks"], state.get("entityMap", {}))

    def html(self, text):
        """Markdown → the database format of a rich text field."""
        if not text or not text.strip():
            return ""
        state = self.contentstate_of(text)
        return self.to_database(state["blocks"], state.get("entityMap", {}))


class StreamBodyCleaner:
    """Markdown → ``[("heading", text), ("paragraph", html), …]`` for a StreamField body whose
    paragraphs accept ``features`` (plus the two heading levels that start a heading block)."""

    def __init__(self, features):
        features = list(features or feature_registry.get_default_features())
        self.cleaner = RichTextCleaner(
            [*features, *(h for h in HEADING_FEATURES if h not in features)]
        )

    def blocks(self, text):
        if not text or not text.strip():
            return []
        state = self.cleaner.contentstate_of(text)
        entity_map = state.get("entityMap", {})
        result, chunk = [], []

        def flush():
            if any(block["text"].strip() for block in chunk):
                result.append(("paragraph", self.cleaner.to_database(chunk, entity_map)))
            chunk.clear()

        for block in state.get("blocks", []):
            if block["type"] in HEADING_BLOCK_TYPES:
                flush()
                if block["text"].strip():
                    result.append(("heading", block["text"].strip()))
            else:
                chunk.append(block)
        flush()
        return result


class Cleaners:
    """One cleaner per set of features, built once for a whole import."""

    def __init__(self):
        self._rich, self._stream = {}, {}

    def rich_text(self, features):
        key = tuple(features) if features is not None else None
        if key not in self._rich:
            self._rich[key] = RichTextCleaner(features)
        return self._rich[key]

    def stream_body(self, features):
        key = tuple(features) if features is not None else None
        if key not in self._stream:
            self._stream[key] = StreamBodyCleaner(features)
        return self._stream[key]
