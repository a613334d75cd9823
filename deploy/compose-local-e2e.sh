#!/usr/bin/env bash
# Opt-in end-to-end check of docker-compose in local mode, for machines that can start a Docker engine but pull
# no image. Run as root from anywhere:
#   deploy/compose-local-e2e.sh            (KEEP=1 leaves the stack running; WORK=DIR keeps the build cache;
#                                           PORT_WAIT=SECONDS waits that long for port 8080 to be free;
#                                           NUGET_CONFIG=FILE gives the restores their package sources)
# 1. starts a private dockerd under nice -n 15 when no engine answers (data under $WORK/docker);
# 2. builds a Debian base image with debootstrap, .NET runtime and SDK images on it from the host's dotnet, and a
#    PostgreSQL + Redis image (deploy/e2e/images);
# 3. builds the service images from services/Dockerfile with those bases (deploy/e2e/compose.yml);
# 4. brings up every service without Dapr sidecars (deploy/compose/local.yml) and waits for the gateway;
# 5. runs deploy/e2e/checkout.sh against http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-/var/tmp/marketplace-compose-e2e}
BASE_IMAGE=marketplace-local/debian:bookworm
DOTNET_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
NUGET_CONFIG=${NUGET_CONFIG:-$HOME/.nuget/NuGet/NuGet.Config}
APPS=(auth users products inventory orders checkout payments gateway)
COMPOSE=(docker-compose -p marketplace-e2e -f docker-compose.yml -f deploy/compose/local.yml -f deploy/e2e/compose.yml)
DOCKERD_PID=""

log() { printf '\033[1;34m==>\033[0m [%ss] %s\n' "$SECONDS" "$*" >&2; }

# The gateway is published on 8080: on a shared machine another stack may hold it for a while, so wait up to
# PORT_WAIT seconds for it, then say plainly what is wrong.
require_free_gateway_port() {
  local waited=0
  while [ -n "$(ss -ltnH 'sport = :8080')" ]; do
    if [ "$waited" -ge "${PORT_WAIT:-0}" ]; then
      echo "Port 8080 is in use (see: ss -ltnp 'sport = :8080'); the gateway needs it. Free it and re-run." >&2
      exit 1
    fi
    [ "$waited" -eq 0 ] && log "Port 8080 is in use; waiting up to ${PORT_WAIT}s for it"
    sleep 5
    waited=$((waited + 5))
  done
}

cleanup() {
  if [ "${KEEP:-0}" != 1 ]; then
    log "Removing the stack"
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
    if [ -n "$DOCKERD_PID" ]; then kill "$DOCKERD_PID" 2>/dev/null || true; wait "$DOCKERD_PID" 2>/dev/null || true; fi
  fi
}

[ "$(id -u)" -eq 0 ] || { echo "Run as root: debootstrap and dockerd need it." >&2; exit 1; }
missing=()
for tool in debootstrap docker dockerd docker-compose curl ss; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing debootstrap docker.io docker-compose curl iproute2"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap docker.io docker-compose curl iproute2 >/dev/null
fi
# Fail before the long build, unless told to wait for the port (then the wait comes after the build).
[ "${PORT_WAIT:-0}" -gt 0 ] || require_free_gateway_port
mkdir -p "$WORK"
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
  log "Starting dockerd (data in $WORK/docker)"
  export DOCKER_HOST="unix://$WORK/docker.sock"
  # Low priority: the image builds run under this engine and must not starve the rest of the machine.
  nice -n 15 dockerd --data-root "$WORK/docker" --host "$DOCKER_HOST" --pidfile "$WORK/docker.pid" >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see $WORK/dockerd.log" >&2; exit 1; }
fi

image_missing() { ! docker image inspect "$1" >/dev/null 2>&1; }

if image_missing "$BASE_IMAGE"; then
  log "debootstrap bookworm into $WORK/rootfs"
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase --include=ca-certificates,libssl3,libstdc++6,zlib1g,libicu72,tzdata \
    bookworm "$WORK/rootfs" >"$WORK/debootstrap.log"
  # Trust what this machine trusts (a TLS-intercepting proxy or a package mirror's own CA).
  cp -r /usr/local/share/ca-certificates/. "$WORK/rootfs/usr/local/share/ca-certificates/"
  chroot "$WORK/rootfs" update-ca-certificates >/dev/null
  tar -C "$WORK/rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$WORK/rootfs"
fi
if image_missing marketplace-local/aspnet:10.0 || image_missing marketplace-local/dotnet-sdk:10.0; then
  log "Building the .NET images from $DOTNET_DIR"
  docker build -q -f deploy/e2e/images/dotnet.Dockerfile --target aspnet -t marketplace-local/aspnet:10.0 "$DOTNET_DIR" >/dev/null
  docker build -q -f deploy/e2e/images/dotnet.Dockerfile --target sdk -t marketplace-local/dotnet-sdk:10.0 \
    --build-arg NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-online}" "$DOTNET_DIR" >/dev/null
  # The restores inside the image builds use the package sources configured for root on this machine.
  if [ -f "$NUGET_CONFIG" ]; then
    mkdir -p "$WORK/nuget" && cp "$NUGET_CONFIG" "$WORK/nuget/NuGet.Config"
    printf 'FROM marketplace-local/dotnet-sdk:10.0\nCOPY NuGet.Config /root/.nuget/NuGet/NuGet.Config\n' |
      docker build -q -f - -t marketplace-local/dotnet-sdk:10.0 "$WORK/nuget" >/dev/null
    rm -rf "$WORK/nuget"
  fi
fi
if image_missing marketplace-local/infra:bookworm; then
  log "Building the PostgreSQL and Redis image"
  docker build -q --network host -f deploy/e2e/images/infra.Dockerfile -t marketplace-local/infra:bookworm deploy/e2e/images >/dev/null
fi

# Without MongoDB, users and products keep their documents in PostgreSQL.
export MARKETPLACE_COMPOSE_SECRETS="$WORK/secrets"
mkdir -p "$MARKETPLACE_COMPOSE_SECRETS"
for file in deploy/compose/secrets/*.json; do
  python3 -c 'import json, sys
secrets = json.load(open(sys.argv[1]))
secrets.get("ConnectionStrings", {}).pop("Mongo", None)
json.dump(secrets, open(sys.argv[2], "w"), indent=2)' "$file" "$MARKETPLACE_COMPOSE_SECRETS/$(basename "$file")"
done

log "Building the service images"
"${COMPOSE[@]}" build "${APPS[@]}"
log "Starting the services in local mode"
require_free_gateway_port
"${COMPOSE[@]}" up -d "${APPS[@]}"

log "Waiting for the gateway and the services"
ready=false
for _ in $(seq 1 90); do
  if curl -fsS http://127.0.0.1:8080/health/ready >/dev/null 2>&1 \
     && [ -z "$("${COMPOSE[@]}" ps "${APPS[@]}" | grep -E 'starting|unhealthy|Exit' || true)" ]; then
    ready=true
    break
  fi
  sleep 2
done
if ! $ready; then
  "${COMPOSE[@]}" ps
  "${COMPOSE[@]}" logs --tail=50 "${APPS[@]}"
  exit 1
fi

admin=$(python3 -c 'import json; print(json.load(open("deploy/compose/secrets/auth.json"))["Marketplace"]["Admin"]["Email"])')
password=$(python3 -c 'import json; print(json.load(open("deploy/compose/secrets/auth.json"))["Marketplace"]["Admin"]["Password"])')
MARKETPLACE_ADMIN_EMAIL=$admin MARKETPLACE_ADMIN_PASSWORD=$password "$ROOT/deploy/e2e/checkout.sh" http://127.0.0.1:8080
