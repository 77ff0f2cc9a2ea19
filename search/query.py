"""Reader query → engine-neutral expression, with the French analysis applied.

- quoted phrases ("…" or « … ») stay phrases; an unbalanced quote is ignored;
- FTS operators (AND, OR, NOT, NEAR, *, -, :, parentheses…) are not operators here: only words
  survive (``search.text.words``), so nothing the reader types reaches the engine as syntax;
- words are folded and stemmed; stop words are dropped outside phrases;
- an acronym from the live glossary becomes "acronym OR its expansion", and the expansion typed
  out becomes "expansion OR acronym";
- a word of 5 letters or more that the index does not know is widened to the indexed words one
  edit away (Damerau-Levenshtein ≤ 1).
"""

import re
from dataclasses import dataclass, field

from search import text

MAX_CLAUSES = 12
TYPO_MIN_LENGTH = 5
TYPO_ALTERNATIVES = 5  # indexed words tried for one mistyped word, most frequent first
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_PHRASE_RE = re.compile(r'"([^"]*)"|«([^»]*)»')


@dataclass
class ParsedQuery:
    expr: list = field(default_factory=list)  # clauses → alternatives → stem tuples
    # The same clauses with folded words instead of stems, for backends that stem themselves.
    word_expr: list = field(default_factory=list)
    words: list = field(default_factory=list)  # folded words as typed (for suggestions)
    corrections: dict = field(default_factory=dict)  # typed word → indexed word used instead
    glossary: list = field(default_factory=list)  # GlossaryEntry matched by the query
    highlight_stems: set = field(default_factory=set)

    @property
    def empty(self):
        return not self.expr


def _segments(query):
    """(is_phrase, text) pieces; quotes only count when they pair up."""
    pieces, last = [], 0
    for match in _PHRASE_RE.finditer(query):
        pieces.append((False, query[last : match.start()]))
        pieces.append((True, match.group(1) if match.group(1) is not None else match.group(2)))
        last = match.end()
    pieces.append((False, query[last:]))
    return [(phrase, chunk.replace('"', " ")) for phrase, chunk in pieces if chunk.strip()]


def _plain_words(chunk):
    kept = " ".join(token for token in chunk.split() if token not in OPERATORS)
    return text.words(kept)


def parse(query, lexicon):
    parsed = ParsedQuery()
    units = []  # (words tuple, is_phrase)
    for is_phrase, chunk in _segments(query):
        words = text.words(chunk) if is_phrase else _plain_words(chunk)
        if not words:
            continue
        if is_phrase and len(words) > 1:
            units.append((tuple(words), True))
        else:
            units.extend(((w,), False) for w in words)
    parsed.words = [w for unit, _phrase in units for w in unit]

    only_stop_words = all(w in text.STOP_WORDS for unit, _p in units for w in unit)
    clauses = []
    i = 0
    while i < len(units) and len(clauses) < MAX_CLAUSES:
        unit, is_phrase = units[i]
        entry, span = _glossary_expansion_at(units, i, lexicon)
        if entry:
            clauses.append(_synonym_clause(entry))
            parsed.glossary.append(entry)
            i += span
            continue
        i += 1
        if is_phrase:
            clauses.append([unit])
            continue
        word = unit[0]
        if word in text.STOP_WORDS and not only_stop_words:
            continue
        entry = _glossary_acronym(word, lexicon)
        if entry:
            clauses.append(_synonym_clause(entry))
            parsed.glossary.append(entry)
            continue
        alternatives = [(word,)]
        if len(word) >= TYPO_MIN_LENGTH and not lexicon.is_known(word):
            close = lexicon.close_words(word)
            if close:
                parsed.corrections[word] = close[0]
                alternatives.extend((w,) for w in close[:TYPO_ALTERNATIVES])
        clauses.append(alternatives)
    parsed.word_expr = [list(dict.fromkeys(clause)) for clause in clauses]
    parsed.expr = [
        list(dict.fromkeys(tuple(text.stem(w) for w in alt) for alt in clause))
        for clause in clauses
    ]
    parsed.highlight_stems = {
        stem
        for clause in parsed.expr
        for alternative in clause
        for stem in alternative
        if only_stop_words or stem not in text.STOP_WORDS
    }
    for entry in lexicon.glossary:  # a term named by any query word is worth showing too
        if (
            entry not in parsed.glossary
            and len(entry.term_stems) == 1
            and entry.term_stems[0] in parsed.highlight_stems
        ):
            parsed.glossary.append(entry)
    return parsed


def _glossary_acronym(word, lexicon):
    for entry in lexicon.glossary:
        if entry.acronym_folded and entry.acronym_folded == word:
            return entry
    return None


def _glossary_expansion_at(units, i, lexicon):
    """A glossary term spelled out from position i (as plain words or as one quoted phrase)."""
    unit, is_phrase = units[i]
    for entry in lexicon.glossary:
        if not entry.acronym_folded or len(entry.term_words) < 2:
            continue
        if is_phrase:
            if unit == entry.term_words:
                return entry, 1
            continue
        span = len(entry.term_words)
        window = units[i : i + span]
        if len(window) == span and all(
            not phrase and words[0] == expected
            for (words, phrase), expected in zip(window, entry.term_words, strict=True)
        ):
            return entry, span
    return None, 0


def _synonym_clause(entry):
    alternatives = [tuple(entry.acronym_folded.split())]
    if entry.term_words:
        alternatives.append(entry.term_words)
    return alternatives
