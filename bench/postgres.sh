#!/usr/bin/env bash
# Run a benchmark on a throwaway PostgreSQL database of the local cluster, dropped afterwards:
#   bench/postgres.sh .venv/bin/python bench/bench_learning.py --database-url '{url}'
# '{url}' in the arguments becomes the database's URL. The cluster is started as
# scripts/test-postgres.sh starts it (and stopped again only if this run started it and no
# test run uses it); the database is named pathways_test_bench_* so that a test run's clean-up
# on this shared machine sees it in use.
set -euo pipefail
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  $SUDO pg_createcluster "$version" main >/dev/null
fi
read -r version name port status _ < <(pg_lsclusters -h | head -1)
started_here=no
if [ "$status" != "online" ]; then
  $SUDO pg_ctlcluster "$version" "$name" start
  started_here=yes
fi
read -r version name port status _ < <(pg_lsclusters -h | head -1)
[ "$status" = "online" ] || { echo "PostgreSQL $version/$name did not start" >&2; exit 1; }

sql() { as_postgres psql -q -X -At -p "$port" -v ON_ERROR_STOP=1 "$@"; }
role=pathways_bench
password=pathways_bench
database="pathways_test_bench_$$"
if [ -z "$(sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]; then
  sql -c "CREATE ROLE $role LOGIN PASSWORD '$password'" 2>/dev/null || true
fi
sql -c "CREATE DATABASE $database OWNER $role"

cleanup() {
  sql -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null
  others=$(sql -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'pathways\_test\_%'")
  if [ "$started_here" = yes ] && [ "$others" = "0" ]; then
    $SUDO pg_ctlcluster "$version" "$name" stop
  fi
}
trap cleanup EXIT

url="postgresql://$role:$password@127.0.0.1:$port/$database"
args=()
for argument in "$@"; do args+=("${argument//\{url\}/$url}"); done
echo "PostgreSQL $version on port $port, database $database"
"${args[@]}"
