"""What the index knows: its vocabulary (for typos and suggestions) and the live glossary's
acronyms (for synonyms). Both are cached per process and reloaded when the index version changes,
so publishing, unpublishing or deleting a glossary term changes results without code changes.
"""

from dataclasses import dataclass, field

from django.utils.html import strip_tags

from knowledge.visibility import visible_glossary_terms
from search import text
from search.models import SearchVocabulary
from search.per_version import PerIndexVersion

# Longer "words" (pasted identifiers, noise) get no suggestion: bounded cost per word.
NEAREST_MAX_LENGTH = 30


@dataclass
class GlossaryEntry:
    pk: int
    term: str
    acronym: str
    slug: str
    definition: str
    url: str
    acronym_folded: str
    term_words: tuple
    term_stems: tuple


@dataclass
class Lexicon:
    stems: set = field(default_factory=set)
    frequency: dict = field(default_factory=dict)  # folded word → documents containing it
    deletes: dict = field(default_factory=dict)  # one-deletion variant → words (typo lookup)
    glossary: list = field(default_factory=list)

    def is_known(self, word):
        return text.stem(word) in self.stems or word in self.frequency

    def close_words(self, word):
        """Indexed words within Damerau-Levenshtein distance 1 of ``word``, most frequent first."""
        candidates = set()
        for variant in {word, *_deletions(word)}:
            candidates.update(self.deletes.get(variant, ()))
        found = [w for w in candidates if w != word and damerau_levenshtein(word, w) <= 1]
        return sorted(found, key=lambda w: (-self.frequency.get(w, 0), w))

    def nearest_word(self, word):
        """The most frequent indexed word within two edits (for "did you mean").

        Looked up, never scanned: every one-edit variant of the word and its two-letter
        deletions are matched against ``deletes`` (each indexed word and its one-letter
        deletions). That finds every word two edits away except two substitutions; the cost
        depends on the word's length (capped), not on the vocabulary's size.
        """
        if len(word) > NEAREST_MAX_LENGTH:
            return None
        variants = _edits(word) | {d for v in _deletions(word) for d in _deletions(v)}
        candidates = {c for v in variants for c in self.deletes.get(v, ())}
        best = None
        for candidate in candidates:
            if candidate == word:
                continue
            distance = damerau_levenshtein(word, candidate)
            if distance <= 2:
                key = (distance, -self.frequency.get(candidate, 0), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None


def _deletions(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _edits(word):
    """The word and every word one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        word,
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


def damerau_levenshtein(a, b):
    """Optimal string alignment distance (adjacent transpositions count as one edit)."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + cost)
        rows.append(row)
    return rows[-1][-1]


def _load():
    lexicon = Lexicon()
    for word, stem, frequency in SearchVocabulary.objects.values_list("word", "stem", "frequency"):
        lexicon.stems.add(stem)
        lexicon.frequency[word] = frequency
        if len(word) >= 4:  # typo tolerance only applies to words of 5 letters or more
            for variant in {word, *_deletions(word)}:
                lexicon.deletes.setdefault(variant, []).append(word)
    for term in visible_glossary_terms().only("pk", "term", "acronym", "slug", "definition"):
        words = tuple(text.words(term.term))
        lexicon.glossary.append(
            GlossaryEntry(
                pk=term.pk,
                term=term.term,
                acronym=term.acronym,
                slug=term.slug,
                definition=" ".join(strip_tags(term.definition).split()),
                url=term.reader_url,
                acronym_folded=" ".join(text.words(term.acronym)),
                term_words=words,
                term_stems=tuple(text.stem(w) for w in words),
            )
        )
    return lexicon


_lexicon = PerIndexVersion(_load)


def get_lexicon(version=None):
    """The lexicon of index ``version`` (by default the current one)."""
    return _lexicon.get(version)
