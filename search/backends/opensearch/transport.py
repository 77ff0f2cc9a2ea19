"""Every request the OpenSearch backend sends, through opensearch-py (the ``elasticsearch`` 8
client refuses OpenSearch nodes). An Elasticsearch transport would be another class like this.

Guarantees: nothing but ``SearchBackendError`` leaves this module (connection refused, timeout,
HTTP error, refused bulk item…), so readers degrade and writers queue; no retry, so a dead node
costs at most ``timeout`` seconds per call (index maintenance and a rebuild's batches, which
readers never wait for, may take up to ``MAINTENANCE_TIMEOUT``).
"""

from contextlib import contextmanager

from opensearchpy import OpenSearch

from search.backends.base import SearchBackendError

DEFAULT_TIMEOUT = 2.0
# Creating, deleting or swapping indexes and the refresh ending a build touch the cluster state.
MAINTENANCE_TIMEOUT = 30.0


class MissingIndexError(SearchBackendError):
    """A bulk write found no index behind its alias (nothing was written)."""


@contextmanager
def _errors(action):
    try:
        yield
    except SearchBackendError:
        raise
    except Exception as error:  # any client failure: the callers only know SearchBackendError
        raise SearchBackendError(f"OpenSearch {action}: {error}") from error


class OpenSearchTransport:
    def __init__(
        self,
        urls,
        username="",
        password="",
        verify_certs=True,
        ca_certs="",
        timeout=DEFAULT_TIMEOUT,
    ):
        self.timeout = float(timeout or DEFAULT_TIMEOUT)
        self.maintenance_timeout = max(self.timeout, MAINTENANCE_TIMEOUT)
        with _errors("configuration"):
            self.client = OpenSearch(
                hosts=list(urls),
                http_auth=(username, password) if username else None,
                verify_certs=verify_certs,
                ca_certs=ca_certs or None,
                ssl_show_warn=False,
                timeout=self.timeout,
                max_retries=0,
                retry_on_timeout=False,
            )

    # --- indexes and alias ----------------------------------------------------------------

    def create_index(self, name, body):
        with _errors(f"create index {name}"):
            self.client.indices.create(
                index=name, body=body, request_timeout=self.maintenance_timeout
            )

    def delete_indexes(self, names):
        if not names:
            return
        with _errors("delete indexes"):
            self.client.indices.delete(
                index=",".join(names),
                ignore_unavailable=True,
                request_timeout=self.maintenance_timeout,
            )

    def indexes(self, pattern):
        """{index name: set of its aliases} for every index matching ``pattern``."""
        with _errors("list indexes"):
            found = self.client.indices.get_alias(index=pattern, expand_wildcards="all")
        return {name: set(info.get("aliases", {})) for name, info in found.items()}

    def alias_targets(self, alias):
        """Names of the indexes behind ``alias`` (none if it does not exist)."""
        with _errors(f"alias {alias}"):
            found = self.client.indices.get_alias(name=alias, ignore=404)
        if found.get("status") == 404:  # no such alias (not logged as a failure)
            return []
        return sorted(found)

    def swap_alias(self, alias, new_index, old_indexes=()):
        """Point ``alias`` at ``new_index`` only, in one atomic ``_aliases`` request."""
        actions = [{"remove": {"index": old, "alias": alias}} for old in old_indexes]
        actions.append({"add": {"index": new_index, "alias": alias}})
        with _errors(f"swap alias {alias}"):
            self.client.indices.update_aliases(
                body={"actions": actions}, request_timeout=self.maintenance_timeout
            )

    def put_settings(self, index, settings):
        with _errors(f"settings of {index}"):
            self.client.indices.put_settings(
                index=index, body={"index": settings}, request_timeout=self.maintenance_timeout
            )

    def refresh(self, index, maintenance=False):
        timeout = self.maintenance_timeout if maintenance else self.timeout
        with _errors(f"refresh {index}"):
            self.client.indices.refresh(index=index, request_timeout=timeout)

    # --- documents --------------------------------------------------------------------------

    def bulk(self, index, actions, refresh=False, require_alias=False, maintenance=False):
        """Send ``actions`` (action line, optional source line...) to ``index`` in one request;
        raises if any item was refused (a missing document to delete is no error).
        ``maintenance``: a rebuild's batch, allowed the longer timeout."""
        if not actions:
            return
        timeout = self.maintenance_timeout if maintenance else self.timeout
        with _errors("bulk"):
            answer = self.client.bulk(
                index=index,
                body=actions,
                refresh=refresh,
                require_alias=require_alias or None,
                request_timeout=timeout,
            )
        if not answer.get("errors"):
            return
        failures = [
            item[kind]["error"]
            for item in answer["items"]
            for kind in item
            if item[kind].get("error")
        ]
        if not failures:
            return
        if all(error.get("type") == "index_not_found_exception" for error in failures):
            raise MissingIndexError(f"OpenSearch bulk: no index {index}")
        first = failures[0]
        raise SearchBackendError(
            f"OpenSearch bulk: {len(failures)} item(s) refused, first: "
            f"{first.get('type')}: {first.get('reason')}"
        )

    def search(self, index, body):
        with _errors("search"):
            return self.client.search(index=index, body=body)

    def count(self, index):
        with _errors("count"):
            return self.client.count(index=index)["count"]

    def delete_all_documents(self, index):
        """Empty ``index`` (mapping and settings kept), visible to searches on return."""
        with _errors(f"empty {index}"):
            self.client.delete_by_query(
                index=index,
                body={"query": {"match_all": {}}},
                refresh=True,
                conflicts="proceed",
                request_timeout=self.maintenance_timeout,
            )

    def ping(self):
        """True when the node answers (never raises)."""
        try:
            return bool(self.client.ping())
        except Exception:
            return False
