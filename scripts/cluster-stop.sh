#!/usr/bin/env bash
# Stops what scripts/cluster-start.sh started in BATON_CLUSTER_HOME — its instances and nginx (by their pid files only), its
# database and its bucket — and RGW / PostgreSQL only if that start found them not running. Removes the folder. Safe to run
# when nothing is running.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
home=${BATON_CLUSTER_HOME:-${TMPDIR:-/tmp}/baton-cluster}
[ -d "$home" ] || { echo "cluster-stop: nothing in $home"; exit 0; }

# A pid is ours only if that process still runs what we started (pids get reused).
ours() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && grep -qa "$2" "/proc/$1/cmdline" 2>/dev/null; }
stopped=()
if [ -f "$home/nginx/nginx.pid" ]; then
  pid=$(cat "$home/nginx/nginx.pid")
  ours "$pid" nginx && kill "$pid" && stopped+=("nginx $pid")
fi
for dir in "$home"/instance-*; do
  [ -f "$dir/serve.pid" ] || continue
  pid=$(cat "$dir/serve.pid")
  ours "$pid" baton.dll && kill "$pid" && stopped+=("$(basename "$dir") $pid")
done
for _ in $(seq 1 100); do
  left=0
  for entry in "${stopped[@]}"; do kill -0 "${entry##* }" 2>/dev/null && left=1; done
  [ "$left" = 0 ] && break
  sleep 0.1
done
for entry in "${stopped[@]}"; do kill -9 "${entry##* }" 2>/dev/null || true; done

# The cluster's own state in the shared engines.
if [ -f "$home/database" ] && [ -f "$home/pg-home" ]; then
  pg_home=$(cat "$home/pg-home")
  if [ -f "$pg_home/pg.env" ]; then
    port=$(sed -n 's/^BATON_PG_PORT=//p' "$pg_home/pg.env")
    psql -q -h "$pg_home/run" -p "$port" -U postgres -d postgres \
      -c "DROP DATABASE IF EXISTS $(cat "$home/database") WITH (FORCE)" >/dev/null 2>&1 || true
  fi
fi
if [ -f "$home/bucket" ] && [ -f "$home/rgw-home" ] && [ -f "$(cat "$home/rgw-home")/ceph.conf" ]; then
  # The engine's OSD is a 20 GiB file shared by every session: free the space now. --bypass-gc deletes the bucket's objects at
  # once, and `gc process` reclaims what the cluster deleted through S3 (RGW keeps deleted objects for hours otherwise, and a full
  # OSD blocks every writer on the machine).
  export CEPH_CONF="$(cat "$home/rgw-home")/ceph.conf"
  timeout 120 radosgw-admin bucket rm --bucket="$(cat "$home/bucket")" --purge-objects --bypass-gc >/dev/null 2>&1 || true
  timeout 120 radosgw-admin gc process --include-all >/dev/null 2>&1 || true
fi

# The engines only if this cluster started them.
[ -f "$home/rgw-started" ] && BATON_RGW_HOME=$(cat "$home/rgw-started") "$repo/scripts/rgw-stop.sh" >/dev/null && stopped+=("rgw")
[ -f "$home/pg-started" ] && BATON_PG_HOME=$(cat "$home/pg-started") "$repo/scripts/pg-stop.sh" >/dev/null && stopped+=("postgresql")
rm -rf "$home"
echo "cluster-stop: stopped ${stopped[*]:-nothing}; removed $home"
