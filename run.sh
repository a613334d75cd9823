#!/usr/bin/env bash
# Starts PostgreSQL, Redis, every service and the gateway on http://127.0.0.1:8080. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
source scripts/common.sh

DATA=${MARKETPLACE_DATA:-$ROOT/.data}
PG_PORT=${MARKETPLACE_PG_PORT:-55432}
REDIS_PORT=${MARKETPLACE_REDIS_PORT:-56379}
CONFIGURATION=${CONFIGURATION:-Release}
ADMIN_EMAIL=${MARKETPLACE_ADMIN_EMAIL:-admin@marketplace.local}
ADMIN_PASSWORD=${MARKETPLACE_ADMIN_PASSWORD:-Marketplace-admin-2026}
PIDS=()

cleanup() {
  # A second Ctrl-C, or a closed terminal failing the log lines, must not cut the shutdown short and leave PostgreSQL
  # or Redis running.
  set +e
  trap '' INT TERM HUP
  trap - EXIT
  log "Stopping"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_redis "$REDIS_PORT" save
  stop_postgres "$DATA/postgres"
  log "Stopped"
}

ensure_prerequisites
make_secrets "$DATA"

log "Building ($CONFIGURATION)"
dotnet build Marketplace.Services.slnf -c "$CONFIGURATION" -v quiet -nologo -clp:ErrorsOnly

trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'exit 129' HUP
log "Starting PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT (data in $DATA)"
start_postgres "$DATA/postgres" "$PG_PORT"
start_redis "$DATA/redis" "$REDIS_PORT" --appendonly yes

start_services
log "Waiting for ${RUNNING[*]}"
wait_ready

cat <<INFO

  Marketplace is running.
    Gateway (all REST APIs):  http://127.0.0.1:8080
    API reference:            http://127.0.0.1:8080/docs
    Bootstrap admin:          $ADMIN_EMAIL / $ADMIN_PASSWORD
    Logs:                     $DATA/logs/
  Press Ctrl-C to stop.

INFO
wait -n "${PIDS[@]}" || true
log "A service exited; see $DATA/logs/"
