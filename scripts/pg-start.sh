#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 on a random free port, in BATON_PG_HOME, for the cluster mode's tests
# (issue 13) and for trying cluster mode by hand. PostgreSQL refuses to run as root, so when run as root the server runs as the
# `postgres` user (created by Debian's package); the database `baton` is owned by the role `baton` with a random password.
#
# Idempotent: when the cluster of BATON_PG_HOME still answers, it only prints its settings again (BATON_PG_STARTED=0);
# otherwise it wipes BATON_PG_HOME and builds a fresh cluster (BATON_PG_STARTED=1). Installs the `postgresql` package if missing.
#
# Prints KEY=VALUE lines (and writes them to $BATON_PG_HOME/pg.env, sourceable):
#   BATON_PG_HOME, BATON_PG_PORT, BATON_PG_CONNECTION (an Npgsql connection string), BATON_PG_STARTED
# and the same connection string as `baton serve` reads it (BATON_CLUSTER__POSTGRES) and as an ASP.NET Core host embedding Baton
# reads it (Baton__Cluster__Postgres).
#
# Settings: BATON_PG_HOME (default ${TMPDIR:-/tmp}/baton-pg). Stop with scripts/pg-stop.sh (same BATON_PG_HOME).
set -euo pipefail

home=${BATON_PG_HOME:-${TMPDIR:-/tmp}/baton-pg}
envfile="$home/pg.env"
log() { echo "pg-start: $*" >&2; }

# 1. Package (Debian 12: PostgreSQL 15). No-op when installed.
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  log "installing postgresql"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# The server's user: postgres when we are root (initdb and postgres refuse root), else ourselves.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# 2. Already running? Then the env file describes it.
if [ -f "$envfile" ]; then
  # shellcheck disable=SC1090
  . "$envfile"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$BATON_PG_PORT" -t 5 2>/dev/null; then
    sed 's/^BATON_PG_STARTED=.*/BATON_PG_STARTED=0/' "$envfile"
    exit 0
  fi
fi

# 3. Leftovers of an earlier cluster in this home: stop it (by its pid file only) and wipe.
"$(dirname "$0")/pg-stop.sh" >/dev/null 2>&1 || true
rm -rf "$home"
mkdir -p "$home"/{data,run}
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$home"
chmod 700 "$home"/data

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')

log "initdb in $home/data"
as_owner "$bin/initdb" -D "$home/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
# Loopback only; the Unix socket in our own run folder (not /var/run/postgresql, which may belong to a system cluster).
cat >> "$home/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$home/run'
fsync = on
max_connections = 200
CONF

log "server on 127.0.0.1:$port"
as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 start >/dev/null
as_owner "$bin/psql" -q -h "$home/run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE baton LOGIN PASSWORD '$password'" -c "CREATE DATABASE baton OWNER baton" >/dev/null

connection="Host=127.0.0.1;Port=$port;Database=baton;Username=baton;Password=$password"
umask 077
cat > "$envfile" <<ENV
BATON_PG_HOME=$home
BATON_PG_PORT=$port
BATON_PG_CONNECTION="$connection"
BATON_PG_STARTED=1
BATON_CLUSTER__POSTGRES="$connection"
Baton__Cluster__Postgres="$connection"
ENV
[ "$(id -u)" -eq 0 ] && chown root: "$envfile"
cat "$envfile"
log "ready: 127.0.0.1:$port (settings in $envfile)"
