#!/usr/bin/env bash
# Run a benchmark on a throwaway PostgreSQL database of the local cluster, dropped afterwards:
#   bench/postgres.sh .venv/bin/python bench/bench_learning.py --database-url '{url}'
# '{url}' in the arguments becomes the database's URL. The cluster is started as
# scripts/test-postgres.sh starts it (and stopped again only if this run started it and no
# test run uses it); the database is named pathways_test_bench_* so that a test run's clean-up
# on this shared machine sees it in use.
set -euo pipefail
source "$(dirname "$0")/../scripts/pg-cluster.sh"
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
