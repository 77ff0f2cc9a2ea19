"""The zero-result log stays bounded: new queries capped per day, old ones pruned."""

import datetime

import pytest
from django.utils import timezone

from search.models import ZeroResultQuery


@pytest.mark.django_db
def test_new_zero_result_queries_are_capped_per_day_and_old_ones_pruned(monkeypatch):
    monkeypatch.setattr(ZeroResultQuery, "NEW_PER_DAY", 3)
    old = ZeroResultQuery.objects.create(query="ancienne recherche")
    long_ago = timezone.now() - datetime.timedelta(days=ZeroResultQuery.RETENTION_DAYS + 1)
    ZeroResultQuery.objects.filter(pk=old.pk).update(first_seen=long_ago, last_seen=long_ago)
    for word in ["alpha", "beta", "gamma", "delta", "epsilon"]:
        ZeroResultQuery.record(word, {})
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {
        "alpha",
        "beta",
        "gamma",
    }
    ZeroResultQuery.record("alpha", {})  # a known query is still counted past the cap
    assert ZeroResultQuery.objects.get(query="alpha").count == 2
