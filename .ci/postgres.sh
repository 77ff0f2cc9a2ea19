#!/usr/bin/env bash
# Installs (apt) and starts PostgreSQL 15, then creates the boussole role (allowed to create the
# test databases) and database. Idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  echo "==> Installation de PostgreSQL (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  pg_createcluster 15 main
fi
if ! pg_lsclusters -h | grep -q '^15 *main.*online'; then
  echo "==> Démarrage de PostgreSQL 15"
  pg_ctlcluster --skip-systemctl-redirect 15 main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
run_psql() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(run_psql "SELECT 1 FROM pg_roles WHERE rolname='boussole'")" != "1" ]; then
  run_psql "CREATE ROLE boussole LOGIN CREATEDB PASSWORD 'boussole'"
fi
if [ "$(run_psql "SELECT 1 FROM pg_database WHERE datname='boussole'")" != "1" ]; then
  run_psql "CREATE DATABASE boussole OWNER boussole"
fi
# The search migration creates the unaccent extension; only a superuser may, so do it here too.
su postgres -c "psql -qd boussole -c 'CREATE EXTENSION IF NOT EXISTS unaccent'"
su postgres -c "psql -qd template1 -c 'CREATE EXTENSION IF NOT EXISTS unaccent'"
echo "==> PostgreSQL prêt : postgres://boussole:boussole@127.0.0.1:5432/boussole"
