#!/usr/bin/env bash
# Makes sure the services the test suite talks to are up: PostgreSQL 15 and Redis 7 (started with the
# machine's own commands when down) and FerretDB on 127.0.0.1:27017 backed by a database of the local
# Postgres. A service whose URL is overridden (DATABASE_URL, REDIS_URL, MONGODB_URL) is left alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="$root/.tools/state"
mkdir -p "$state"

wait_for() { # name, command
  for _ in $(seq 1 100); do eval "$2" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "$1 did not come up" >&2; return 1
}

if [ -z "${DATABASE_URL:-}" ]; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
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
  if ! (exec 3<>/dev/tcp/127.0.0.1/27017) 2>/dev/null; then
    echo "starting FerretDB"
    bash "$root/scripts/lib/install-ferretdb.sh"
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ferretdb'" | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ferretdb"
    mkdir -p "$state/ferretdb"
    nohup "$root/.tools/bin/ferretdb" --handler=postgresql \
      --postgresql-url="postgres://postgres@127.0.0.1:5432/ferretdb" \
      --listen-addr=127.0.0.1:27017 --telemetry=disable --state-dir="$state/ferretdb" \
      --log-level=warn > "$state/ferretdb.log" 2>&1 &
    wait_for ferretdb "exec 3<>/dev/tcp/127.0.0.1/27017"
  fi
fi
