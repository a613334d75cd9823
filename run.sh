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
  # A second Ctrl-C must not cut the shutdown short and leave PostgreSQL or Redis running.
  trap '' INT TERM
  trap - EXIT
  log "Stopping"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_redis "$REDIS_PORT" save
  stop_postgres "$DATA/postgres"
  log "Stopped"
}

ensure_prerequisites
mkdir -p "$DATA/secrets" "$DATA/logs"
chmod 755 "$DATA"
# Development secrets, made once and kept with the data: the JWT signing key and the service credential.
[ -f "$DATA/secrets/jwt-signing-key.pem" ] || openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$DATA/secrets/jwt-signing-key.pem"
[ -f "$DATA/secrets/internal-token" ] || openssl rand -hex 32 > "$DATA/secrets/internal-token"
chmod 600 "$DATA/secrets/"*

log "Building ($CONFIGURATION)"
dotnet build Marketplace.Services.slnf -c "$CONFIGURATION" -v quiet -nologo -clp:ErrorsOnly

trap cleanup EXIT
trap 'exit 130' INT TERM
log "Starting PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT (data in $DATA)"
start_postgres "$DATA/postgres" "$PG_PORT"
start_redis "$DATA/redis" "$REDIS_PORT" --appendonly yes

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export Marketplace__Runtime=local
export Marketplace__InternalToken="$(cat "$DATA/secrets/internal-token")"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
for id in "${SERVICES[@]}"; do export "Marketplace__Services__$id=http://127.0.0.1:${SERVICE_PORT[$id]}"; done

mapfile -t RUNNING < <(implemented_services)
for id in "${RUNNING[@]}"; do
  dir=${SERVICE_DIR[$id]}
  (
    [ -n "${SERVICE_DB[$id]:-}" ] && export ConnectionStrings__Database="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=${SERVICE_DB[$id]}"
    case $id in
      auth)
        export Marketplace__Jwt__SigningKey="$(cat "$DATA/secrets/jwt-signing-key.pem")"
        export Marketplace__Admin__Email="$ADMIN_EMAIL" Marketplace__Admin__Password="$ADMIN_PASSWORD" ;;
      products) export Marketplace__Products__SeedDemoCatalog=true ;;
    esac
    export Urls="http://127.0.0.1:${SERVICE_PORT[$id]}"
    exec dotnet "services/$dir/bin/$CONFIGURATION/net10.0/Marketplace.$dir.dll" >>"$DATA/logs/$id.log" 2>&1
  ) &
  PIDS+=($!)
done

log "Waiting for ${RUNNING[*]}"
for id in "${RUNNING[@]}"; do
  url="http://127.0.0.1:${SERVICE_PORT[$id]}/health/ready"
  for attempt in $(seq 1 240); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && break
    if [ "$attempt" -eq 240 ]; then echo "$id did not become ready; see $DATA/logs/$id.log" >&2; exit 1; fi
    sleep 0.5
  done
done

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
