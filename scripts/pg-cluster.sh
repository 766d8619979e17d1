# Sourced by scripts/test-postgres.sh and bench/postgres.sh: make sure the local PostgreSQL
# cluster exists and is running, and define `sql` to run psql as the postgres user.
# Sets: SUDO, version, name, port, started_here (yes when this run started the cluster).
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
