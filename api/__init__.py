"""The headless HTTP API of La Boussole, under /api/ (read-only, anonymous, JSON).

Above ``knowledge`` and ``search``, which never import it. Layout, like Wagtail's contrib apps:
``urls`` (router, URL patterns), ``views`` (one module per kind of endpoint, each carrying its
own OpenAPI description), ``errors``, ``filters``, ``pagination``, ``caching``, ``openapi``
(the schema's building blocks), ``schema`` (the document, assembled from the endpoints) and
``docs`` (/api/schema/ and /api/docs/).
"""
