"""Highlighted excerpts computed in Python from the stored plain text, the same for every engine.

The output is HTML-safe: every piece of stored text is escaped, and only our own <mark> tags are
added around words whose stem matched the query.
"""

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import mark_safe

from search import text

EXCERPT_CHARS = 260
LEAD_CHARS = 50
# Matches are looked for in the first characters only: excerpts stay cheap on long chapters.
SCAN_CHARS = 20_000


@lru_cache(maxsize=512)
def _candidate_re(stems):
    """Words that may stem to one of ``stems``: Snowball stems are (nearly) prefixes of the word,
    so a shortened stem finds the candidates and ``text.stem`` confirms them."""
    prefixes = sorted({s[: max(2, len(s) - 2)] if len(s) > 4 else s for s in stems}, key=len)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*")


def matches(source, stems):
    """(start, end) of the words of ``source`` whose stem is in ``stems``."""
    if not stems or not source:
        return []
    folded = text.fold(source)
    if len(folded) == len(source):  # positions line up (true unless ligatures like « œ »)
        pattern = _candidate_re(frozenset(stems))
        return [m.span() for m in pattern.finditer(folded) if text.stem(m.group()) in stems]
    return [(s, e) for s, e, word in text.word_spans(source) if text.stem(word) in stems]


def _render(source, marks, start, end):
    out, position = [], start
    for mark_start, mark_end in marks:
        if mark_start < start or mark_end > end:
            continue
        out.append(escape(source[position:mark_start], quote=True))
        out.append(f"<mark>{escape(source[mark_start:mark_end], quote=True)}</mark>")
        position = mark_end
    out.append(escape(source[position:end], quote=True))
    return "".join(out)


def marked(source, marks):
    """``source`` escaped, its ``marks`` ((start, end) spans, in order) in <mark>."""
    return mark_safe(_render(source, marks, 0, len(source)))  # noqa: S308


def highlight_title(title, stems):
    return marked(title, matches(title, stems))


def marked_excerpt(source, marks, size=EXCERPT_CHARS):
    """About ``size`` characters of ``source`` (its whitespace already collapsed) around the
    densest group of ``marks`` ((start, end) spans, in order), those in <mark>: the excerpt of
    every backend, whoever found the marks."""
    start = 0
    if marks:
        best, best_count, j = 0, 0, 0
        for i, (mark_start, _end) in enumerate(marks):
            while j < len(marks) and marks[j][0] < mark_start + size - LEAD_CHARS:
                j += 1
            if j - i > best_count:
                best, best_count = i, j - i
        start = max(0, marks[best][0] - LEAD_CHARS)
        if start:  # begin on a word boundary
            space = source.find(" ", start, marks[best][0])
            start = space + 1 if space != -1 else marks[best][0]
    end = min(len(source), start + size)
    if end < len(source):
        space = source.rfind(" ", start, end)
        end = space if space > start else end
    body = _render(source, marks, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(source) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308


def excerpt(source, stems, size=EXCERPT_CHARS):
    """About ``size`` characters around the densest group of matches, matches in <mark>."""
    if not source:
        return mark_safe("")  # noqa: S308
    source = " ".join(source[:SCAN_CHARS].split())
    return marked_excerpt(source, matches(source, stems), size)
