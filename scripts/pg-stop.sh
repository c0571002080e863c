#!/usr/bin/env bash
# Stops the cluster scripts/pg-start.sh started in BATON_PG_HOME (pg_ctl on its own data folder — never other PostgreSQL servers)
# and removes that folder. Safe to run when nothing is running.
set -uo pipefail

home=${BATON_PG_HOME:-${TMPDIR:-/tmp}/baton-pg}
[ -d "$home" ] || { echo "pg-stop: nothing in $home"; exit 0; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stopped=nothing
if [ -n "$bin" ] && [ -f "$home/data/postmaster.pid" ]; then
  # Fast shutdown: ends client sessions (and with them their advisory locks), then waits for the server to exit.
  as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null 2>&1 && stopped="the server"
fi
rm -rf "$home"
echo "pg-stop: stopped $stopped; removed $home"
