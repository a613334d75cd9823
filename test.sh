#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL and Redis, and ends with "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_prerequisites
if [ -x deploy/validate/install-prereqs.sh ]; then deploy/validate/install-prereqs.sh; fi

WORK=$(mktemp -d /tmp/marketplace-test.XXXXXX)
chmod 755 "$WORK"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port "$PG_PORT")
cleanup() {
  stop_redis "$REDIS_PORT"
  stop_postgres "$WORK/postgres"
  rm -rf "$WORK"
}
trap cleanup EXIT

log "Starting throwaway PostgreSQL (:$PG_PORT) and Redis (:$REDIS_PORT)"
start_postgres "$WORK/postgres" "$PG_PORT" -c fsync=off -c synchronous_commit=off -c full_page_writes=off
start_redis "$WORK/redis" "$REDIS_PORT" --save "" --appendonly no
export MARKETPLACE_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
export MARKETPLACE_TEST_REDIS="127.0.0.1:$REDIS_PORT"

log "Building"
dotnet build Marketplace.sln -c Debug -v quiet -nologo -clp:ErrorsOnly

log "Testing"
set +e
dotnet test Marketplace.sln -c Debug --no-build -v quiet -nologo 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}
set -e

# Totals over every test project, from the per-assembly summary lines.
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$WORK/test.log" \
  | sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
