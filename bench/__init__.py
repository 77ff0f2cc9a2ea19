"""The benchmarks (``python -m bench``, ``make bench``): development tooling only.

Not a product package: ``pyproject.toml`` installs the product's apps, never this.

Two sides, never mixed. The orchestrator, in this package, imports no Django: it creates the
bench databases (``databases``), starts processes with their settings in the environment
(``processes``), runs gunicorn and wrk (``load``), stops services (``faults``) and writes the
Markdown (``report``, from the figures the processes hand back; ``queries`` is what both sides
read). Everything that needs Django runs in a worker process, ``python -m bench.workers.<name>``:
importing ``bench.workers`` sets Django up from that environment (see its docstring).
``settings`` and ``urls`` are the gunicorns' Django configuration, read by Django itself.
"""
