# La Boussole — two commands: `make run` (serve the demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The benchmark's node compiles fully, as a production one would (search-node starts fast instead).
BENCH_NODE_JAVA_OPTS ?= -Xms1g -Xmx1g -XX:+UseParallelGC
# HTTP port of the OpenSearch node of `make search-node` (at most 9299).
SEARCH_NODE_PORT ?= $(or $(BOUSSOLE_SEARCH_NODE_PORT),9201)

# Port of the server `make screenshots` starts (the demo database, not `make run`'s server).
SCREENSHOTS_PORT ?= 8790

.PHONY: help run setup test lint format messages browser-deps check-deps postgres test-postgres bench clean \
	publish-scheduled search-node search-node-stop test-opensearch screenshots

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	@echo "==> Création de l'environnement virtuel $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> Installation des dépendances"
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	@echo "==> Installation des dépendances de développement"
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed  ## install, migrate, load the demo content and build the search index
	@mkdir -p var
	@echo "==> Migrations de la base de données"
	$(MANAGE) migrate --noinput
	@echo "==> Contenu de démonstration et comptes"
	$(MANAGE) load_demo_content
	@echo "==> Index de recherche"
	$(MANAGE) boussole_search_index

run: setup  ## serve the site with demo content on http://127.0.0.1:8000
	@echo "==> La Boussole : http://$(HOST):$(PORT)/ (administration : /admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

publish-scheduled: $(VENV)/.installed  ## publish/expire scheduled content every minute (Ctrl-C to stop)
	@echo "==> publish_scheduled toutes les 60 s (dates de mise en ligne et d'expiration)"
	@while true; do $(MANAGE) publish_scheduled; $(MANAGE) boussole_search_index --catch-up --verbosity 0; sleep 60; done

browser-deps:  ## Debian's chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null || { echo "==> Installation de chromium (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The checking tools of the tests, pinned by package-lock.json: axe-core and the Nu HTML checker
# (vnu-jar, run by Java 17). npm ci runs again when node_modules is missing or older than the
# lock file; --ignore-scripts: vnu-jar's install script would fetch a Java of its own.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "==> Installation de Node.js et npm (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	@echo "==> Outils de vérification : axe-core et vnu-jar (npm ci)"
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

check-deps: node_modules/.package-lock.json  ## axe-core and the Nu HTML checker for the tests (npm ci), Java 17 (Debian)
	@command -v java >/dev/null || { echo "==> Installation de Java 17 (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; }

lint: $(VENV)/.installed-dev  ## ruff check + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed  ## regenerate the French catalog (locale/fr): French plural forms for every message
	@# From scratch: merging into the old catalog would carry fuzzy guesses over as translations.
	rm -f locale/fr/LC_MESSAGES/django.po
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) makemessages -l fr --no-obsolete --no-location \
		--ignore=.venv --ignore=node_modules --ignore=var --ignore=bench
	@# Source strings are French: each message is its own translation (msgen), the header not fuzzy.
	msgen locale/fr/LC_MESSAGES/django.po | msgattrib --clear-fuzzy --no-location -o locale/fr/LC_MESSAGES/django.po -
	sed -i 's/^"Language: \\n"/"Language: fr\\n"/' locale/fr/LC_MESSAGES/django.po
	msgfmt --check -o locale/fr/LC_MESSAGES/django.mo locale/fr/LC_MESSAGES/django.po

test: $(VENV)/.installed-dev browser-deps check-deps lint  ## lint, checks and the whole pytest suite
	@echo "==> manage.py check"
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	@echo "==> makemigrations --check"
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	@echo "==> pytest"
	$(BIN)/pytest

screenshots: setup $(VENV)/.installed-dev browser-deps  ## PNG screenshots (home, chapter, sheet, testimony, search) at 390 and 1280 px in var/screenshots/
	@echo "==> Captures d'écran du site lecteur : var/screenshots/"
	$(BIN)/python -m cms.screenshots --serve $(HOST):$(SCREENSHOTS_PORT) --output var/screenshots

postgres:  ## install (apt) and start PostgreSQL 15, create the boussole role and database
	bash .ci/postgres.sh

test-postgres: $(VENV)/.installed-dev browser-deps check-deps postgres  ## the pytest suite against PostgreSQL
	DATABASE_URL=$${DATABASE_URL:-postgres://boussole:boussole@127.0.0.1:5432/boussole} $(BIN)/pytest

search-node:  ## start a real OpenSearch 2.19.1 node on 127.0.0.1:9201 (jars from Maven Central, JDK 17)
	BOUSSOLE_SEARCH_NODE_PORT=$(SEARCH_NODE_PORT) bash .ci/search-node.sh start

search-node-stop:  ## stop the OpenSearch node of search-node
	bash .ci/search-node.sh stop

test-opensearch: $(VENV)/.installed-dev search-node  ## the search tests (and the search API's) against the real OpenSearch node
	BOUSSOLE_SEARCH_BACKEND=opensearch BOUSSOLE_SEARCH_URL=http://127.0.0.1:$(SEARCH_NODE_PORT) $(BIN)/pytest search api/tests/test_search.py

bench: $(VENV)/.installed-dev postgres  ## search benchmark on 20 000 items (SQLite, PostgreSQL, OpenSearch), load test (wrk), faults, glossary rendering
	@command -v wrk >/dev/null || { echo "==> Installation de wrk (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	BOUSSOLE_SEARCH_NODE_JAVA_OPTS="$(BENCH_NODE_JAVA_OPTS)" BOUSSOLE_SEARCH_NODE_PORT=$(SEARCH_NODE_PORT) bash .ci/search-node.sh start
	$(BIN)/python -m bench --output var/bench.md --search-url http://127.0.0.1:$(SEARCH_NODE_PORT); \
	status=$$?; \
	$(BIN)/python -m bench --only faults --output var/bench.md --search-url http://127.0.0.1:$(SEARCH_NODE_PORT) || status=1; \
	$(BIN)/python -m bench.jargon --json var/bench-jargon.json || status=1; \
	exit $$status

clean:  ## remove the virtualenv, the checking tools and local data
	rm -rf $(VENV) node_modules var
