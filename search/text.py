"""French text normalisation shared by indexing and querying, so every engine sees the same terms."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("french")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Elisions ("l'habitant", "d’accès") are split off so the noun is indexed on its own.
_ELISION_RE = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def fold(text):
    """Lower-case, strip accents and ligatures: « Évaluation » → « evaluation »."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text):
    """Folded words of a text, elisions removed."""
    return _WORD_RE.findall(fold(_ELISION_RE.sub(" ", text)))


@lru_cache(maxsize=200_000)
def stem(word):
    """The French Snowball stem of an already folded word (cached: the vocabulary is small)."""
    return _stemmer.stemWord(word)


def stems(text):
    return [stem(word) for word in words(text)]


def word_spans(text):
    """(start, end, folded word) for each word of the original text, for highlighting."""
    spans = []
    for match in _WORD_RE.finditer(text):
        spans.append((match.start(), match.end(), fold(match.group())))
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
