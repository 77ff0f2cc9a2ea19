"""One transaction per request that may write.

Guarantees: a POST, PUT, PATCH or DELETE runs in one database transaction, committed only when
the response is not a server error — an admin "create + publish" is saved whole or not at all,
even if the worker dies half-way. Reads (GET, HEAD, OPTIONS) run in autocommit: on SQLite, whose
transactions take the write lock at once (IMMEDIATE), a transaction per read would queue every
reader behind every other.
"""

from django.db import transaction

from cms.resilience import DATABASE_UNAVAILABLE, database_unavailable

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 500:  # the view failed: Django made it a response
                    transaction.set_rollback(True)
        except DATABASE_UNAVAILABLE as error:  # the transaction could not begin or commit
            return database_unavailable(request, error)
        return response
