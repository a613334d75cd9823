#!/usr/bin/env bash
# The benchmark, unattended: starts the system as ./run.sh does (Release, production logging) on a private PostgreSQL
# and Redis, measures the floors (a bare ASP.NET Core endpoint, pgbench -S) and then the shop through the gateway, and
# writes bench/results/latest.md, latest.json and latest.png. Settings: see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/common.sh

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
# Catalog reads are measured warm: with reads spread evenly over 10,000 products, it takes some seconds before the
# caches have seen them all (the first pass runs at the product service's pace).
CATALOG_WARMUP=${BENCH_CATALOG_WARMUP:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
# The crash step (0 leaves it out) and the seconds between its kills.
CRASHES=${BENCH_CRASHES:-1}
CRASH_INTERVAL=${BENCH_CRASH_INTERVAL:-10}
CATALOG_SIZE=${BENCH_CATALOG_SIZE:-10000}
USERS=${BENCH_USERS:-300}
read -r -a BUYERS <<<"${BENCH_BUYERS:-16 64 256}"
RESULTS=$ROOT/bench/results
CONFIGURATION=Release
ADMIN_EMAIL=admin@bench.marketplace.example
ADMIN_PASSWORD=$(openssl rand -hex 16)
DATA=$(mktemp -d /tmp/marketplace-bench.XXXXXX)
STEPS=$DATA/steps
PG_PORT=$(free_port)
REDIS_PORT=$(free_port "$PG_PORT")
FLOOR_PORT=$(free_port "$PG_PORT" "$REDIS_PORT")
FLOOR_APP=bare-floor
GATEWAY_FLOOR_PORT=$(free_port "$PG_PORT" "$REDIS_PORT" "$FLOOR_PORT")
PIDS=()

cleanup() {
  # A second Ctrl-C must not cut the shutdown short and leave PostgreSQL or Redis running.
  trap '' INT TERM
  trap - EXIT
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_redis "$REDIS_PORT"
  stop_postgres "$DATA/postgres"
  if [ -n "${BENCH_KEEP_DATA:-}" ]; then log "Logs and step results kept in $DATA"; else rm -rf "$DATA"; fi
}

step() { log "[$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }

loadgen() { dotnet "bench/LoadGenerator/bin/$CONFIGURATION/net10.0/Marketplace.Bench.LoadGenerator.dll" "$@"; }

run_step() { loadgen run --out "$STEPS" --connections "$CONNECTIONS" --warmup "$WARMUP" --duration "$DURATION" --cpu "$(cpu_pids)" "$@"; }

# name=pid of every running service.
service_pids() {
  local pairs=() id
  for id in "${RUNNING[@]}"; do pairs+=("$id=${SERVICE_PID[$id]}"); done
  echo "${pairs[*]}"
}

# The processes whose CPU time each step records: the services, the floor endpoint with the gateway in front of it
# (what the gateway-floor step exercises), PostgreSQL with its connections, and Redis.
cpu_pids() {
  echo "$(service_pids) $FLOOR_APP=$FLOOR_PID gateway-floor=$GATEWAY_FLOOR_PID" \
    "postgres=$(head -1 "$DATA/postgres/data/postmaster.pid")+ redis=$(cat "$DATA/redis/redis.pid")"
}

is_running() { [[ " ${RUNNING[*]} " == *" $1 "* ]]; }

# A checkout load (its own set of scarce products, no CPU figures) during which the services a checkout passes through
# are killed without warning and started again, one every CRASH_INTERVAL seconds; the invariants checked afterwards
# cover what it did. Kept apart from the memory figures, which are taken before it.
crash_step() {
  local load id
  loadgen run --out "$STEPS" --connections "$CONNECTIONS" --warmup 0 --duration "$((5 * CRASH_INTERVAL))" \
    --scenario checkout-crashes --state "$DATA/state.json" --set "${#BUYERS[@]}" &
  load=$!
  PIDS+=($load)
  for id in checkout payments inventory orders; do
    sleep "$CRASH_INTERVAL"
    is_running "$id" || continue
    kill -KILL "${SERVICE_PID[$id]}"
    wait "${SERVICE_PID[$id]}" 2>/dev/null || true
    start_service "$id"
    wait_ready "$id"
  done
  wait "$load"
}

# Events still on their way: unpublished outbox rows, and stream entries a consumer group has not read or acknowledged.
events_in_flight() {
  local total=0 db count key
  for db in "${SERVICE_DB[@]}"; do
    count=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -Atc "select count(*) from outbox_messages where published_at is null" 2>/dev/null || echo 0)
    total=$((total + ${count:-0}))
  done
  for key in $(redis-cli -p "$REDIS_PORT" --scan); do
    [ "$(redis-cli -p "$REDIS_PORT" TYPE "$key")" = stream ] || continue
    count=$(redis-cli -p "$REDIS_PORT" XINFO GROUPS "$key" | awk 'previous == "pending" || previous == "lag" { sum += $1 } { previous = $1 } END { print sum + 0 }')
    total=$((total + count))
  done
  echo "$total"
}

wait_for_events() {
  local attempt in_flight
  for attempt in $(seq 1 180); do
    in_flight=$(events_in_flight)
    [ "$in_flight" -eq 0 ] && return 0
    [ $((attempt % 15)) -eq 1 ] && log "$in_flight events in flight"
    sleep 1
  done
  log "Events still in flight after 3 minutes; measuring anyway"
}

# Writes what the preparation left in PostgreSQL's buffers to disk now, so that a checkpoint does not do it during a step.
settle_database() {
  psql -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -qc "CHECKPOINT" >/dev/null || log "CHECKPOINT failed; measuring anyway"
}

memory_snapshot() {
  loadgen memory --out "$STEPS" --file "$1" --pids "$FLOOR_APP=$FLOOR_PID $(service_pids)"
}

ensure_prerequisites
command -v rsvg-convert >/dev/null || apt_install librsvg2-bin || log "No rsvg-convert: the chart stays SVG"
if curl -s -o /dev/null "http://127.0.0.1:${SERVICE_PORT[gateway]}/"; then
  echo "Something already listens on port ${SERVICE_PORT[gateway]}; stop it (./run.sh?) before benchmarking." >&2
  exit 1
fi

step "Building ($CONFIGURATION)"
dotnet build Marketplace.Services.slnf -c "$CONFIGURATION" -v quiet -nologo "-clp:ErrorsOnly;NoSummary"
dotnet build bench/LoadGenerator -c "$CONFIGURATION" -v quiet -nologo "-clp:ErrorsOnly;NoSummary"
dotnet build bench/Floor -c "$CONFIGURATION" -v quiet -nologo "-clp:ErrorsOnly;NoSummary"

trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$STEPS" "$RESULTS"
make_secrets "$DATA"
loadgen machine --out "$STEPS"
step "Starting PostgreSQL (:$PG_PORT) and Redis (:$REDIS_PORT) in $DATA"
start_postgres "$DATA/postgres" "$PG_PORT"
start_redis "$DATA/redis" "$REDIS_PORT" --appendonly yes

# The benchmark's users all come from one address: lift the per-address limits. Hashing passwords at bcrypt's
# production cost would spend minutes registering the buyers, and sign-in is not what is measured here.
export Marketplace__Gateway__PermitsPerSecond=1000000
export Marketplace__Gateway__AuthPermitsPerMinute=1000000
export Marketplace__Auth__PasswordWorkFactor=4
export Marketplace__Auth__AccessTokenLifetime=01:00:00
export Marketplace__Products__SeedDemoCatalogSize=$CATALOG_SIZE
start_services
(export_service_runtime; Urls="http://127.0.0.1:$FLOOR_PORT" exec dotnet "bench/Floor/bin/$CONFIGURATION/net10.0/Marketplace.Bench.Floor.dll" >>"$DATA/logs/floor.log" 2>&1) &
FLOOR_PID=$!
PIDS+=($FLOOR_PID)
# A second gateway that routes everything to the bare endpoint: what the gateway alone costs per request.
(
  export_service_runtime
  for id in "${SERVICES[@]}"; do export "Marketplace__Services__$id=http://127.0.0.1:$FLOOR_PORT"; done
  export Urls="http://127.0.0.1:$GATEWAY_FLOOR_PORT" ASPNETCORE_CONTENTROOT="$PWD/services/Gateway/bin/$CONFIGURATION/net10.0"
  exec dotnet "$ASPNETCORE_CONTENTROOT/Marketplace.Gateway.dll" >>"$DATA/logs/gateway-floor.log" 2>&1
) &
GATEWAY_FLOOR_PID=$!
PIDS+=($GATEWAY_FLOOR_PID)
step "Waiting for ${RUNNING[*]} and the floor endpoints"
wait_ready
for url in "http://127.0.0.1:$FLOOR_PORT/hello" "http://127.0.0.1:$GATEWAY_FLOOR_PORT/api/users/hello"; do
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.5; done
done
sleep 5
memory_snapshot memory-started.json

step "Preparing: catalog of $CATALOG_SIZE, stock, $USERS buyers"
loadgen prepare --state "$DATA/state.json" --services "${RUNNING[*]}" --catalog "$CATALOG_SIZE" --users "$USERS" \
  --scarce-sets "$((${#BUYERS[@]} + 1))" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD"
step "Waiting for the events of the preparation to be consumed"
wait_for_events
settle_database
sleep 5
memory_snapshot memory-idle.json

step "Floors"
run_step --scenario floor --url "http://127.0.0.1:$FLOOR_PORT/hello"

step "Through the gateway"
run_step --scenario gateway-floor --url "http://127.0.0.1:$GATEWAY_FLOOR_PORT/api/users/hello"
run_step --scenario product-by-id --state "$DATA/state.json" --warmup "$CATALOG_WARMUP"
run_step --scenario product-list --state "$DATA/state.json" --warmup "$CATALOG_WARMUP"
run_step --scenario mix --state "$DATA/state.json"
if is_running checkout; then
  for i in "${!BUYERS[@]}"; do
    run_step --scenario checkout --state "$DATA/state.json" --set "$i" --connections "${BUYERS[$i]}"
  done
fi
memory_snapshot memory-loaded.json
step "Waiting for the events of the load to be consumed"
wait_for_events
sleep 10
memory_snapshot memory-rested.json
if is_running checkout; then
  if [ "$CRASHES" != 0 ]; then
    step "Checkout while checkout, payments, inventory and orders are killed and restarted"
    crash_step
  fi
  step "Checking the invariants"
  loadgen invariants --out "$STEPS" --state "$DATA/state.json" --pg "Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
else
  step "The checkout service does not run yet: no checkout benchmark"
fi

# The database floor comes last: pgbench's set-up (a million rows) fills PostgreSQL's buffers and leaves writes
# behind that slowed the steps after it for minutes (checkouts at 16 buyers took 50 ms of CPU each instead of 36).
step "Database floor"
loadgen pgbench --out "$STEPS" --pgbench "$PGBIN/pgbench" --host "$PG_SOCKET_DIR" --port "$PG_PORT" --clients 8 --duration "$DURATION"

loadgen report --in "$STEPS" --out "$RESULTS"
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -o "$RESULTS/latest.png" "$RESULTS/latest.svg" && rm "$RESULTS/latest.svg"
fi
step "Results: $RESULTS/latest.md"
