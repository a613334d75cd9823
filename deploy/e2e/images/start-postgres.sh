#!/bin/bash
# Like the postgres image's entrypoint: on first start create the cluster with POSTGRES_USER and the password
# from POSTGRES_PASSWORD_FILE, run /docker-entrypoint-initdb.d/*.sh, then serve on every interface.
set -euo pipefail
DATA=/var/lib/postgresql/data
mkdir -p "$DATA" /run/postgresql
chown -R postgres:postgres "$DATA" /run/postgresql
as_postgres() { runuser -u postgres -- "$@"; }
if [ ! -f "$DATA/PG_VERSION" ]; then
  as_postgres initdb -D "$DATA" -U "$POSTGRES_USER" --pwfile="$POSTGRES_PASSWORD_FILE" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  echo "host all all all scram-sha-256" >> "$DATA/pg_hba.conf"
  as_postgres pg_ctl -D "$DATA" -w -o "-c listen_addresses=''" start >/dev/null
  for script in /docker-entrypoint-initdb.d/*.sh; do POSTGRES_USER=$POSTGRES_USER bash "$script"; done
  as_postgres pg_ctl -D "$DATA" -m fast -w stop >/dev/null
fi
exec runuser -u postgres -- postgres -D "$DATA" -c listen_addresses='*'
