"""Highlighted excerpts computed in Python from the stored plain text, the same for every engine.

The output is HTML-safe: every piece of stored text is escaped, and only our own <mark> tags are
added around words whose stem matched the query.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import text

EXCERPT_WORDS = 36
LEAD_WORDS = 6


def _marked(source, spans, stems):
    return [i for i, (_s, _e, word) in enumerate(spans) if text.stem(word) in stems]


def _render(source, spans, marked, first, last, prefix, suffix):
    marked = set(marked)
    out = [prefix] if prefix else []
    position = spans[first][0]
    for i in range(first, last + 1):
        start, end, _word = spans[i]
        out.append(escape(source[position:start]))
        piece = escape(source[start:end])
        out.append(f"<mark>{piece}</mark>" if i in marked else piece)
        position = end
    if suffix:
        out.append(suffix)
    return mark_safe("".join(out))  # noqa: S308 — every piece above went through escape()


def highlight_title(title, stems):
    spans = text.word_spans(title)
    if not spans:
        return escape(title)
    marked = _marked(title, spans, stems)
    html = _render(title, spans, marked, 0, len(spans) - 1, "", "")
    # Keep what follows the last word (punctuation) too.
    return mark_safe(html + escape(title[spans[-1][1] :]))  # noqa: S308


def excerpt(source, stems, size=EXCERPT_WORDS):
    """The window of ``size`` words holding the most matches, matched words in <mark>."""
    if not source:
        return mark_safe("")  # noqa: S308
    spans = text.word_spans(source)
    if not spans:
        return escape(source[:300])
    marked = _marked(source, spans, stems)
    best_start = 0
    if marked:
        best_count, j = -1, 0
        for i, position in enumerate(marked):
            while marked[j] < position - size + 1:
                j += 1
            count = i - j + 1
            if count > best_count:
                best_count, best_start = count, marked[j]
        best_start = max(0, best_start - LEAD_WORDS)
    last = min(len(spans) - 1, best_start + size - 1)
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if last < len(spans) - 1 else escape(source[spans[last][1] :].strip()[:1])
    return _render(source, spans, marked, best_start, last, prefix, suffix)
