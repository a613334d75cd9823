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
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
}

apt_install() {
  log "Installing $*"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# free_port [TAKEN...]: a free TCP port below the ephemeral range and none of TAKEN. A port from bind(0) lies inside
# that range, where an outgoing connection (a download, a test's client) can take it before the server binds it.
free_port() {
  python3 - "$@" <<'EOF'
import random, socket, sys
first = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
low, taken = max(1024, first - 10000), {int(port) for port in sys.argv[1:]}
for port in random.sample(range(low, first), first - low):
    if port in taken:
        continue
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    sys.exit(f"no free port between {low} and {first}")
EOF
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres DIR PORT [extra server options]: initialises DIR once, then starts the server. It listens on
# 127.0.0.1 and on a Unix socket in PG_SOCKET_DIR, which the services use: a round trip costs both sides less there.
start_postgres() {
  local dir=$1 port=$2; shift 2
  PG_SOCKET_DIR=$dir/sock
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

# make_secrets DATA: development secrets, made once and kept with the data: the JWT signing key and the service credential.
make_secrets() {
  local data=$1
  mkdir -p "$data/secrets" "$data/logs"
  chmod 755 "$data"
  [ -f "$data/secrets/jwt-signing-key.pem" ] || openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$data/secrets/jwt-signing-key.pem"
  [ -f "$data/secrets/internal-token" ] || openssl rand -hex 32 > "$data/secrets/internal-token"
  chmod 600 "$data/secrets/"*
}

# start_services: starts every implemented service and the gateway from their $CONFIGURATION build, in local mode,
# against the PostgreSQL start_postgres started last (on $PG_PORT) and Redis on $REDIS_PORT, with the secrets of
# make_secrets "$DATA" and logs in $DATA/logs. Variables the caller exports first reach every service. Sets RUNNING
# (app ids) and SERVICE_PID (app id -> pid), and appends the pids to PIDS.
declare -A SERVICE_PID=()
start_services() {
  local id
  export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
  export Marketplace__Runtime=local
  export Marketplace__InternalToken="$(cat "$DATA/secrets/internal-token")"
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
  for id in "${SERVICES[@]}"; do export "Marketplace__Services__$id=http://127.0.0.1:${SERVICE_PORT[$id]}"; done

  mapfile -t RUNNING < <(implemented_services)
  for id in "${RUNNING[@]}"; do start_service "$id"; done
}

# export_service_runtime: the runtime settings of a service process, for the subshell about to start one. The
# framework's precompiled (ReadyToRun) code is not used: the JIT compiles every method a service runs, optimised,
# once, on its first call. The pages of the precompiled images a service touches cost more memory than the code of
# the methods it actually runs (7 to 16 MB less per service), and that code costs less CPU than the precompiled
# code the services without tiered compilation ran (orders and checkout about 40% less per checkout); a service
# takes about 2 s more to start (bench/README.md). The runtime reads this from the environment only; build
# tools must not get it (the SDK would compile itself on every build).
export_service_runtime() {
  export DOTNET_ReadyToRun=0
}

# start_service ID: starts one service as start_services does (which must have run first); also starts it again.
start_service() {
  local id=$1 dir=${SERVICE_DIR[$1]}
  (
    export_service_runtime
    [ -n "${SERVICE_DB[$id]:-}" ] && export ConnectionStrings__Database="Host=$PG_SOCKET_DIR;Port=$PG_PORT;Username=postgres;Database=${SERVICE_DB[$id]}"
    case $id in
      auth)
        export Marketplace__Jwt__SigningKey="$(cat "$DATA/secrets/jwt-signing-key.pem")"
        export Marketplace__Admin__Email="$ADMIN_EMAIL" Marketplace__Admin__Password="$ADMIN_PASSWORD" ;;
      products) export Marketplace__Products__SeedDemoCatalog=true ;;
    esac
    export Urls="http://127.0.0.1:${SERVICE_PORT[$id]}"
    # The build output is the content root, so each service reads its own appsettings.json (log levels among them).
    export ASPNETCORE_CONTENTROOT="$PWD/services/$dir/bin/$CONFIGURATION/net10.0"
    exec dotnet "$ASPNETCORE_CONTENTROOT/Marketplace.$dir.dll" >>"$DATA/logs/$id.log" 2>&1
  ) &
  PIDS+=($!)
  SERVICE_PID[$id]=$!
}

# wait_ready [ID...]: waits until the given services (every RUNNING one by default) answer /health/ready (two minutes
# at most each).
wait_ready() {
  local id url attempt ids=("$@")
  [ ${#ids[@]} -gt 0 ] || ids=("${RUNNING[@]}")
  for id in "${ids[@]}"; do
    url="http://127.0.0.1:${SERVICE_PORT[$id]}/health/ready"
    for attempt in $(seq 1 240); do
      curl -fsS -o /dev/null "$url" 2>/dev/null && break
      if [ "$attempt" -eq 240 ]; then echo "$id did not become ready; see $DATA/logs/$id.log" >&2; exit 1; fi
      sleep 0.5
    done
  done
}
