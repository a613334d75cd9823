# PostgreSQL 15 and Redis 7 from Debian on the locally built base, standing in for the registry images that
# docker-compose.yml names (same environment, init folder and data paths for PostgreSQL).
ARG BASE_IMAGE=marketplace-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 redis-server \
 && rm -rf /var/lib/apt/lists/*
COPY start-postgres.sh /usr/local/bin/start-postgres
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
