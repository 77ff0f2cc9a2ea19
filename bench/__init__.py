"""The search benchmark (``python -m bench``, ``make bench``): development tooling only.

Not a product package: ``pyproject.toml`` installs cms, home, knowledge and search, never this.
``corpus`` builds the generated French corpus, ``search`` times the queries, ``report`` writes
the Markdown, ``__main__`` runs one process per backend and puts the report together.
"""
