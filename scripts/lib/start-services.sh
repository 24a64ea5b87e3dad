#!/usr/bin/env bash
# Makes sure the services the test suite talks to are up: PostgreSQL 15 and Redis 7 (started with the
# machine's own commands when down) and FerretDB on 127.0.0.1:27017 backed by a database of the local
# Postgres. A service whose URL is overridden (DATABASE_URL, REDIS_URL, MONGODB_URL) is left alone.
# FerretDB's port, backing database, binary folder and run folder (state, log, ferretdb.pid) can be
# moved (FERRETDB_PORT, FERRETDB_DATABASE, FERRETDB_BIN_DIR, FERRETDB_RUN_DIR) so a test can start its
# own instance on a spare port without touching the shared one. None of these names is one FerretDB
# itself reads (it reads FERRETDB_STATE_DIR, FERRETDB_LISTEN_ADDR, ...).
# No pipeline here ends in `head` or `grep -q`: under pipefail those fail with 141 (SIGPIPE) at random.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${FERRETDB_RUN_DIR:-$root/.tools/state}"
ferret_port="${FERRETDB_PORT:-27017}"
ferret_db="${FERRETDB_DATABASE:-ferretdb}"
ferret_bin_dir="${FERRETDB_BIN_DIR:-$root/.tools/bin}"
[[ $ferret_port =~ ^[0-9]{1,5}$ ]] || { echo "FERRETDB_PORT must be a port number" >&2; exit 1; }
[[ $ferret_db =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "FERRETDB_DATABASE must be a plain lower-case name" >&2; exit 1; }
mkdir -p "$state"

wait_for() { # name, command
  for _ in $(seq 1 100); do eval "$2" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "$1 did not come up" >&2; return 1
}

if [ -z "${DATABASE_URL:-}" ]; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "starting PostgreSQL"
    versions=(/etc/postgresql/*)
    pg_ctlcluster --skip-systemctl-redirect "$(basename "${versions[0]}")" main start
    wait_for postgres "pg_isready -h 127.0.0.1 -p 5432 -q"
  fi
fi

if [ -z "${REDIS_URL:-}" ]; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for redis "redis-cli -h 127.0.0.1 -p 6379 ping"
  fi
fi

if [ -z "${MONGODB_URL:-}" ]; then
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$ferret_port") 2>/dev/null; then
    echo "starting FerretDB on 127.0.0.1:$ferret_port"
    FERRETDB_BIN_DIR="$ferret_bin_dir" bash "$root/scripts/lib/install-ferretdb.sh"
    exists="$(psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$ferret_db'")"
    [ "$exists" = 1 ] || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE \"$ferret_db\""
    mkdir -p "$state/ferretdb"
    nohup "$ferret_bin_dir/ferretdb" --handler=postgresql \
      --postgresql-url="postgres://postgres@127.0.0.1:5432/$ferret_db" \
      --listen-addr="127.0.0.1:$ferret_port" --telemetry=disable --state-dir="$state/ferretdb" \
      --debug-addr=127.0.0.1:0 \
      --log-level=warn > "$state/ferretdb.log" 2>&1 &
    echo $! > "$state/ferretdb.pid"
    wait_for ferretdb "exec 3<>/dev/tcp/127.0.0.1/$ferret_port"
  fi
fi
