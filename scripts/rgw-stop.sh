#!/usr/bin/env bash
# Stops the cluster scripts/rgw-start.sh started in BATON_RGW_HOME (by its pid files only — never other Ceph processes) and
# removes that folder. Safe to run when nothing is running.
set -uo pipefail

home=${BATON_RGW_HOME:-${TMPDIR:-/tmp}/baton-rgw}
[ -d "$home" ] || { echo "rgw-stop: nothing in $home"; exit 0; }

pids=()
for f in "$home"/run/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f" 2>/dev/null) || continue
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null && pids+=("$pid")
  fi
done
# Wait for them to exit (a real signal: the pid going away), then make sure.
for _ in $(seq 1 100); do
  alive=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.1
done
for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
rm -rf "$home"
echo "rgw-stop: stopped ${pids[*]:-nothing}; removed $home"
