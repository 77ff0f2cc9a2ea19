from django.test import TestCase


def committed():
    """The block's writes committed, as a request's are: a search engine outside the database
    gets them then (a test runs in a transaction that never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)
