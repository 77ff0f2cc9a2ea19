"""The indexed vocabulary (folded words, their stems, document frequencies), kept in the database
whatever the backend: typo tolerance and "did you mean" read it (``search.lexicon``), so the
query analysis is the same for every backend."""

from collections import Counter

from django.db import transaction
from django.db.models import F

from search import text
from search.models import SearchVocabulary

MAX_WORD_CHARS = 100  # SearchVocabulary.word
LOOKUP_BATCH = 500


def document_words(document):
    return set(text.words(document["title"])) | set(text.words(document["text"]))


def count_words(documents):
    """{word: number of documents containing it}."""
    counts = Counter()
    for document in documents:
        counts.update(document_words(document))
    return counts


def add(documents):
    """Add the words of newly indexed documents; known words get their frequency bumped."""
    counts = count_words(documents)
    if not counts:
        return
    words = [w for w in counts if len(w) <= MAX_WORD_CHARS]
    known = set()
    for start in range(0, len(words), LOOKUP_BATCH):
        known.update(
            SearchVocabulary.objects.filter(
                word__in=words[start : start + LOOKUP_BATCH]
            ).values_list("word", flat=True)
        )
    SearchVocabulary.objects.bulk_create(
        [
            SearchVocabulary(word=w, stem=text.stem(w)[:MAX_WORD_CHARS], frequency=counts[w])
            for w in words
            if w not in known
        ],
        batch_size=LOOKUP_BATCH * 2,
        ignore_conflicts=True,
    )
    # Frequencies of known words drift with edits; a full rebuild recounts them exactly.
    chunk = [w for w in words if w in known]
    for start in range(0, len(chunk), LOOKUP_BATCH):
        SearchVocabulary.objects.filter(word__in=chunk[start : start + LOOKUP_BATCH]).update(
            frequency=F("frequency") + 1
        )


def replace(counts):
    """The whole vocabulary, exactly (after a rebuild): no word left from deleted content."""
    with transaction.atomic():
        SearchVocabulary.objects.all().delete()
        SearchVocabulary.objects.bulk_create(
            [
                SearchVocabulary(word=w, stem=text.stem(w)[:MAX_WORD_CHARS], frequency=n)
                for w, n in counts.items()
                if len(w) <= MAX_WORD_CHARS
            ],
            batch_size=LOOKUP_BATCH * 4,
        )
