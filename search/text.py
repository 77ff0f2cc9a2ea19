"""French text normalisation shared by indexing and querying, so every engine sees the same terms."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("french")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Elisions ("l'habitant", "d’accès") are split off so the noun is indexed on its own: on folded
# text, one pass yields the word after an optional elided article.
_FOLDED_WORD_RE = re.compile(r"(?:(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])?([^\W_]+)")


# Combining marks left by NFKD decomposition (accents, cedillas, diaereses…).
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text):
    """Lower-case, strip accents and ligatures: « Évaluation » → « evaluation »."""
    if text.isascii():
        return text.lower()
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text):
    """Folded words of a text, elisions removed."""
    return _FOLDED_WORD_RE.findall(fold(text))


_stem_cache = {}


def stem(word):
    """The French Snowball stem of an already folded word (cached: the vocabulary is small)."""
    try:
        return _stem_cache[word]
    except KeyError:
        if len(_stem_cache) > 500_000:
            _stem_cache.clear()
        result = _stem_cache[word] = _stemmer.stemWord(word)
        return result


def stems(text):
    cache = _stem_cache
    return [cache[w] if w in cache else stem(w) for w in words(text)]


_fold_word = lru_cache(maxsize=200_000)(fold)


def word_spans(text, limit=None):
    """(start, end, folded word) for each word of the original text (the first ``limit`` words)."""
    spans = []
    for match in _WORD_RE.finditer(text):
        spans.append((match.start(), match.end(), _fold_word(match.group())))
        if limit and len(spans) >= limit:
            break
    return spans


# Not required in a query unless quoted: they carry no meaning alone ("accès aux soins").
STOP_WORDS = frozenset(
    fold(w)
    for w in [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "même",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "c",
        "d",
        "j",
        "l",
        "m",
        "n",
        "s",
        "t",
        "y",
        "été",
        "est",
        "sont",
        "être",
        "ont",
        "avoir",
        "à",
    ]
)
