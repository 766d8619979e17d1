#!/usr/bin/env bash
# Run the unit and web tests on a throwaway PostgreSQL database. Fails loudly if PostgreSQL
# cannot be started: a skipped database is a hidden failure.
set -euo pipefail
PY=${PY:-.venv/bin/python}
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  $SUDO pg_createcluster "$version" main
fi
read -r version name port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != "online" ]; then
  $SUDO pg_ctlcluster "$version" "$name" start
fi
read -r version name port status _ < <(pg_lsclusters -h | head -1)
[ "$status" = "online" ] || { echo "PostgreSQL $version/$name did not start" >&2; exit 1; }

role=pathways_test
password=pathways_test
database="pathways_test_$$"
as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB;
  END IF;
END \$\$;
CREATE DATABASE $database OWNER $role;
SQL
cleanup() { as_postgres psql -q -p "$port" -c "DROP DATABASE IF EXISTS $database" >/dev/null; }
trap cleanup EXIT

echo "Running unit and web tests on PostgreSQL $version (database $database)"
LMS_TEST_DATABASE_URL="postgresql://$role:$password@127.0.0.1:$port/$database" \
  "$PY" -m pytest -q -p no:cacheprovider tests/unit tests/web "$@"
