#!/usr/bin/env bash
# Run the unit and web tests (or the test files given) on a throwaway PostgreSQL database.
# Fails loudly if PostgreSQL cannot be started: a skipped database is a hidden failure.
#
# Each pytest-xdist worker makes its own database from this one (see tests/conftest.py).
# Afterwards: this run's databases are dropped; the test role and the cluster are removed or
# stopped only if this run created or started them and no other run is still using them
# (several people may run this at once on one machine).
set -euo pipefail
PY=${PY:-.venv/bin/python}
WORKERS=${PYTEST_WORKERS:-2}
source "$(dirname "$0")/pg-cluster.sh"

role=pathways_test
password=pathways_test
database="pathways_test_$$"
role_created_here=no
if [ -z "$(sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]; then
  # Another run may create it at the same moment; then theirs is used and left to them.
  sql -c "CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB" 2>/dev/null && role_created_here=yes
fi
sql -c "CREATE DATABASE $database OWNER $role"

cleanup() {
  for db in $(sql -c "SELECT datname FROM pg_database WHERE datname = '$database' OR datname LIKE '${database}\_%'"); do
    sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
  done
  others=$(sql -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'pathways\_test\_%'")
  if [ "$others" != "0" ]; then
    if [ "$started_here" = yes ] || [ "$role_created_here" = yes ]; then
      echo "PostgreSQL and the test role left in place: another test run is using them."
    fi
    return
  fi
  if [ "$role_created_here" = yes ]; then
    sql -c "DROP ROLE IF EXISTS $role" >/dev/null
  fi
  if [ "$started_here" = yes ]; then
    $SUDO pg_ctlcluster "$version" "$name" stop
    echo "PostgreSQL $version/$name stopped again (this run had started it)."
  fi
}
trap cleanup EXIT

targets=()
for argument in "$@"; do
  if [ -e "${argument%%::*}" ]; then targets+=("$argument"); fi
done
[ ${#targets[@]} -gt 0 ] || set -- tests/unit tests/web "$@"

echo "Running tests on PostgreSQL $version (database $database, $WORKERS worker(s))"
LMS_TEST_DATABASE_URL="postgresql://$role:$password@127.0.0.1:$port/$database" \
  "$PY" -m pytest -q -p no:cacheprovider -n "$WORKERS" "$@"
