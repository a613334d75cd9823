# Shared by run.sh, test.sh and bench/run.sh: prerequisites and throwaway or persistent PostgreSQL/Redis.
PGBIN=/usr/lib/postgresql/15/bin

# The services, their ports and databases (kept in sync with dapr.yaml by the deploy tests).
SERVICES=(auth users products inventory orders checkout payments gateway)
declare -A SERVICE_DIR=([auth]=Auth [users]=Users [products]=Products [inventory]=Inventory [orders]=Orders [checkout]=Checkout [payments]=Payments [gateway]=Gateway)
declare -A SERVICE_PORT=([auth]=5101 [users]=5102 [products]=5103 [inventory]=5104 [orders]=5105 [checkout]=5106 [payments]=5107 [gateway]=8080)
declare -A SERVICE_DB=([auth]=auth_service [users]=user_service [products]=product_service [inventory]=inventory_service [orders]=order_service [checkout]=checkout_service [payments]=payment_service)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

ensure_prerequisites() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  [ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres DIR PORT [extra server options]: initialises DIR once, then starts the server.
start_postgres() {
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  if ! as_postgres "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 start \
      -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c max_connections=400 $*" >/dev/null
  fi
}

stop_postgres() {
  as_postgres "$PGBIN/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
}

# start_redis DIR PORT [extra options]
start_redis() {
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@" >/dev/null
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server did not start; see $dir/redis.log" >&2; return 1
}

stop_redis() {
  redis-cli -p "$1" shutdown "${2:-nosave}" >/dev/null 2>&1 || true
}

# Services whose code exists (a placeholder Program.cs has no AddServiceDefaults call).
implemented_services() {
  local id
  for id in "${SERVICES[@]}"; do
    grep -q "AddServiceDefaults" "services/${SERVICE_DIR[$id]}/Program.cs" && echo "$id"
  done
}
