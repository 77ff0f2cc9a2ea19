"""Glossary terms where the jargon is: the first occurrence of each live term or acronym in a
page body becomes an accessible definition linking to the term's page.

Rules (one test each in knowledge/tests/test_jargon.py):
- editors write plain text: terms are found at render time in the rendered HTML, parsed with
  ``html.parser`` (text nodes only, never a pattern across tags);
- never inside a link, a heading, an existing ``<abbr>``/``<dfn>``, code, a form control or a
  ``<summary>``;
- acronyms match as whole words and exactly as written (capitals: « ARS », never « ars » nor
  the start of « ARSENAL »); expansions (the term itself) match case-insensitively with accents
  folded (« conseil local de sante mentale » is the CLSM);
- at one place the longest match wins (« Conseil local de santé mentale » before « Santé
  mentale »); each term is marked once per body, where it first occurs;
- only live terms (``knowledge.visibility.visible_glossary_terms``); the terms are read once per
  content version and process (publishing a term changes the version, so pages show it at once
  without being edited), and an annotated body is cached under the content version and a digest
  of its HTML (a new revision renders other HTML: another key).

The widget is phrasing content valid wherever text is (inside a ``<p>``): a link to the term's
page described by a tooltip holding the short definition (``aria-describedby``). CSS shows the
tooltip on hover and focus (knowledge/static/knowledge/jargon.css); without JavaScript and on
touch screens the link leads to the full definition.
"""

import contextlib
import hashlib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from knowledge import content_version
from knowledge.visibility import visible_glossary_terms, visible_pages

CACHE_SECONDS = 24 * 3600  # keyed by content version: a change is seen at once
TIP_WORDS = 40
ID_PREFIX = "jargon-"
# Text inside these elements is never annotated.
SKIPPED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "dfn",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "template",
        "textarea",
        "button",
        "select",
        "option",
        "label",
        "summary",
        "title",
        "svg",
        "math",
    }
)
RAW_TEXT_TAGS = frozenset({"script", "style"})
APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "}


@lru_cache(maxsize=4096)
def _fold_char(char):
    char = APOSTROPHES.get(char, char)
    base = unicodedata.normalize("NFD", char)[:1] or char
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text):
    """Lower case, accents removed, typographic apostrophes and spaces made plain; one character
    for one, so that offsets in the folded text are offsets in ``text``."""
    return "".join(map(_fold_char, text))


def sort_key(text):
    """The French dictionary order at its first level: accents, case, spaces, hyphens and
    apostrophes ignored, ligatures spelt out (« Médiation » before « MSP », « Œuvre » with
    « oe »)."""
    spelt = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    folded = fold(spelt)
    return ("".join(c for c in folded if c.isalnum()), folded, text)


def _phrase_pattern(phrase):
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _alternation(phrases):
    # Longest first: at one position the regex engine takes the first alternative that matches.
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(_phrase_pattern(p) for p in ordered)


def _normalise(phrase):
    return " ".join(phrase.split())


@dataclass(frozen=True)
class Entry:
    slug: str
    term: str
    acronym: str
    url: str
    tip: str  # the definition as plain text, shortened

    @property
    def label(self):
        return f"{self.acronym}, {self.term}" if self.acronym else self.term


class Matcher:
    """Finds glossary terms in plain text, following the rules of this module."""

    def __init__(self, entries):
        self.entries = list(entries)
        self._by_acronym, self._by_expansion = {}, {}
        for entry in self.entries:
            if entry.acronym.strip():
                self._by_acronym.setdefault(_normalise(entry.acronym), entry)
            if entry.term.strip():
                self._by_expansion.setdefault(_normalise(fold(entry.term)), entry)
        self._acronyms = self._compile(self._by_acronym)
        self._expansions = self._compile(self._by_expansion)

    @staticmethod
    def _compile(phrases):
        if not phrases:
            return None
        return re.compile(rf"(?<!\w)(?:{_alternation(phrases)})(?!\w)")

    def __bool__(self):
        return bool(self.entries)

    def find(self, text):
        """[(start, end, entry)] in ``text``: non-overlapping, leftmost then longest first."""
        found = []
        if self._acronyms:
            for match in self._acronyms.finditer(text):
                entry = self._by_acronym[_normalise(match.group())]
                found.append((match.start(), match.end(), entry))
        if self._expansions:
            for match in self._expansions.finditer(fold(text)):
                entry = self._by_expansion[_normalise(match.group())]
                found.append((match.start(), match.end(), entry))
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        chosen, reached = [], 0
        for start, end, entry in found:
            if start >= reached:
                chosen.append((start, end, entry))
                reached = end
        return chosen

    def slugs_in_html(self, html):
        """The slugs of the terms used anywhere in ``html`` (headings and links included: this
        says what content *uses* a term, not where it is explained)."""
        collector = _TextNodes()
        collector.feed(html)
        collector.close()
        return {entry.slug for text in collector.texts for _s, _e, entry in self.find(text)}


def _entry(term):
    tip = Truncator(plain_text(term.definition or "")).words(TIP_WORDS, truncate="…")
    url = reverse("knowledge:glossary_term", args=[term.slug])
    return Entry(slug=term.slug, term=term.term, acronym=term.acronym or "", url=url, tip=tip)


_matchers = {}  # content version → Matcher
_matchers_lock = threading.Lock()


def matcher():
    """The matcher of the live glossary: one query per content version and process."""
    version = content_version.current()
    found = _matchers.get(version) if version else None
    if found is None:
        terms = visible_glossary_terms().only("slug", "term", "acronym", "definition")
        found = Matcher(_entry(term) for term in terms.order_by("pk"))
        if version:
            with _matchers_lock:
                _matchers.clear()
                _matchers[version] = found
    return found


BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "div", "br", "h2", "h3", "h4", "blockquote"})


class _PlainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):  # a space between blocks, none around inline tags
        self.handle_starttag(tag, ())

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """The text of rich text, blocks separated by a space (« un.</p><p>deux » → « un. deux »)."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextNodes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []

    def handle_data(self, data):
        self.texts.append(data)


class _Annotator(HTMLParser):
    """Copies HTML through, turning the first occurrence of each term into the widget."""

    def __init__(self, matcher, used):
        super().__init__(convert_charrefs=True)
        self.matcher, self.used, self.out = matcher, used, []
        self.skipping = {}  # tag → how many are open
        self.done = False
        self.raw = None

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIPPED_TAGS:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
        if tag in RAW_TEXT_TAGS:
            self.raw = tag

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if self.skipping.get(tag):
            self.skipping[tag] -= 1
        if tag == self.raw:
            self.raw = None

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_data(self, data):
        if self.raw:
            self.out.append(data)
            return
        if self.done or any(self.skipping.values()) or data.isspace():
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for start, end, entry in self.matcher.find(data):
            if entry.slug in self.used:
                continue
            self.used.add(entry.slug)
            self.done = len(self.used) >= len(self.matcher.entries)  # nothing left to find
            self.out.append(escape(data[position:start], quote=False))
            self.out.append(widget(entry, data[start:end]))
            position = end
        self.out.append(escape(data[position:], quote=False))


def widget(entry, text):
    """The definition of ``entry`` where ``text`` (as written) appears: phrasing content."""
    element_id = f"{ID_PREFIX}{entry.slug}"
    return format_html(
        '<span class="jargon"><a class="jargon__term" href="{url}" aria-describedby="{id}">'
        "{text}</a>"
        '<span class="jargon__tip" role="tooltip" id="{id}">'
        '<span class="jargon__name">{label}</span> : {tip}</span></span>',
        url=entry.url,
        id=element_id,
        text=text,
        label=entry.label,
        tip=entry.tip,
    )


def annotate(html, terms=None):
    """``html`` with the first occurrence of each term of ``terms`` (the live glossary by
    default) turned into its definition widget; not cached."""
    terms = matcher() if terms is None else terms
    if not terms or not html:
        return html
    annotator = _Annotator(terms, set())
    annotator.feed(str(html))
    annotator.close()
    return "".join(annotator.out)


def annotate_cached(html):
    """``annotate(html)``, kept in the shared cache under the content version and a digest of
    the HTML (so per revision and glossary state); computed fresh when the cache is down."""
    version = content_version.current()
    if version is None:
        return annotate(html)
    digest = hashlib.sha1(str(html).encode(), usedforsecurity=False).hexdigest()
    key = f"boussole:jargon:{version}:{digest}"
    try:
        cached = cache.get(key)
    except Exception:  # the cache is down: annotate without it
        return annotate(html)
    if cached is None:
        cached = annotate(html)
        with contextlib.suppress(Exception):  # the cache is down: served uncached
            cache.set(key, cached, CACHE_SECONDS)
    return cached


# --------------------------------------------------------------------------------------------
# Where a term is used


def _ascii_chunk(phrase):
    """The longest run of ASCII letters and digits in ``phrase``: found as is in the stored text
    on every database (SQLite keeps JSON with accents escaped, PostgreSQL does not)."""
    runs = re.findall(r"[A-Za-z0-9]+", phrase)
    return max(runs, key=len) if runs else ""


def _strings(value):
    """Every string of a StreamField's raw data (its block types and ids apart)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _raw(value):
    raw = getattr(value, "raw_data", None)
    return list(raw) if raw is not None else value


# (model, text fields): the reader content in which terms are explained.
def _sources():
    # Looked up, not imported: the models use this module's neighbours (visibility).
    model = apps.get_model
    return [
        (model("knowledge", "GuideChapterPage"), ["body"]),
        (model("knowledge", "PracticeSheetPage"), ["summary", "objectives", "steps", "body"]),
        (model("knowledge", "TestimonyPage"), ["summary", "quote", "context"]),
    ]


def pages_using(term):
    """The visible chapters, sheets and testimonies whose text uses ``term`` (its acronym as a
    whole word in capitals, or its name, accents and case aside), as specific pages ordered by
    title. One query per page type, whatever the number of pages and terms: candidates are
    preselected by the database on a plain-ASCII part of the term, then checked by the matcher.
    """
    entry = _entry(term)
    single = Matcher([entry])
    chunks = {c for c in (_ascii_chunk(term.acronym or ""), _ascii_chunk(term.term)) if c}
    if not chunks:
        return []
    found = []
    for model, fields in _sources():
        condition = Q()
        annotations = {}
        for index, name in enumerate(fields):
            alias = f"_jargon_text_{index}"
            annotations[alias] = Cast(name, TextField())
            for chunk in chunks:
                condition |= Q(**{f"{alias}__icontains": chunk})
        candidates = visible_pages(model.objects.all()).annotate(**annotations).filter(condition)
        for page in candidates:
            texts = (text for name in fields for text in _strings(_raw(getattr(page, name))))
            if any(single.slugs_in_html(text) for text in texts):
                found.append(page)
    return sorted(found, key=lambda page: sort_key(page.title))
