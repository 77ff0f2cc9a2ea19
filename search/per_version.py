"""Values kept per process and rebuilt when the search index version changes
(``SearchIndexState.bump``): the lexicon, the database backend's snapshot."""

import threading

from search.models import SearchIndexState


class PerIndexVersion:
    """``PerIndexVersion(build).get(version)``: ``build()`` once per index version, shared by the
    process's threads; before anything is indexed (no version) built afresh on every call."""

    def __init__(self, build):
        self.build = build
        self._lock = threading.Lock()
        self._version, self._value = None, None

    def get(self, version=None):
        version = SearchIndexState.current() if version is None else version
        if not version:
            return self.build()
        if self._version != version or self._value is None:
            with self._lock:
                if self._version != version or self._value is None:
                    self._value = self.build()
                    self._version = version
        return self._value
