"""French text normalisation shared by indexing and querying, so every engine sees the same terms."""

import re
import unicodedata

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


def stem(word):
    """The French Snowball stem of an already folded word."""
    return _stemmer.stemWord(word)


def stems(text):
    return [stem(word) for word in words(text)]
