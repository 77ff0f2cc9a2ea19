"""The benchmark's worker processes (``python -m bench.workers.<name>``) and what only they import.

Each runs in a process the orchestrator (``bench``) started with its settings in the environment
(``DJANGO_SETTINGS_MODULE``, ``DATABASE_URL``, ``BOUSSOLE_SEARCH_*``…). Importing this package
sets Django up from that environment, once, before any of its modules is read: they import the
project's models at their top. The orchestrator never imports this package; it starts its
modules as processes.

- ``column``: one search column (migrate, corpus, index, timings), for ``bench.__main__``;
- ``load``: one database's preparation for the load test, for ``bench.load``;
- ``faults``: the fault script's database work (set-up, publishes, state), for ``bench.faults``;
- ``jargon``: the glossary rendering timings, for ``bench.jargon``;
- ``imports``: the Markdown import's set-up and check, for ``bench.imports``;
- ``corpus`` (the generated corpus and its section pages), ``timings`` (the search timings)
  and ``results`` (how a worker hands its figures back): what the others share.
"""

import django

django.setup()
