#!/bin/bash
# Creates one database per service on first start of the compose PostgreSQL (docker-entrypoint-initdb.d).
# Users and products keep their documents in MongoDB under compose; their PostgreSQL databases are created
# too so the services can also run with ConnectionStrings:Database only.
set -euo pipefail
for db in auth_service user_service product_service inventory_service order_service checkout_service payment_service; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
SELECT 'CREATE DATABASE $db OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
done
