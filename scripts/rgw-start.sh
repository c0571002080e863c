#!/usr/bin/env bash
# Starts Baton's own single-node Ceph cluster with an S3 gateway (RGW) on 127.0.0.1 — monitor, one BlueStore OSD on a sparse
# file, radosgw — on random free ports, and creates an S3 user. Used by the S3 backend's tests and benchmarks.
#
# Idempotent: when the cluster of BATON_RGW_HOME still answers, it only prints its settings again (BATON_RGW_STARTED=0);
# otherwise it wipes BATON_RGW_HOME and builds a fresh cluster (BATON_RGW_STARTED=1). Installs the Ceph packages if missing.
#
# Prints KEY=VALUE lines (and writes them to $BATON_RGW_HOME/rgw.env, sourceable):
#   BATON_RGW_ENDPOINT, BATON_RGW_ACCESS_KEY, BATON_RGW_SECRET_KEY, BATON_RGW_HOME, BATON_RGW_STARTED
# and the same settings as `baton serve` reads them (BATON_STORAGE__S3__SERVICEURL, …ACCESSKEY, …SECRETKEY) and as an ASP.NET
# Core host embedding Baton reads them (Baton__Storage__S3__ServiceUrl, …). Kind and bucket are left to the caller.
#
# Settings: BATON_RGW_HOME (default ${TMPDIR:-/tmp}/baton-rgw), BATON_RGW_ACCESS_KEY / BATON_RGW_SECRET_KEY (default: random).
# Stop with scripts/rgw-stop.sh (same BATON_RGW_HOME).
set -euo pipefail

home=${BATON_RGW_HOME:-${TMPDIR:-/tmp}/baton-rgw}
envfile="$home/rgw.env"
log() { echo "rgw-start: $*" >&2; }

# 1. Packages (Debian 12: Ceph 16 "Pacific"). No-op when installed.
missing=()
for p in ceph-mon ceph-osd radosgw; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CEPH_CONF="$home/ceph.conf"

# 2. Already running? Then the env file describes it.
if [ -f "$envfile" ]; then
  # shellcheck disable=SC1090
  . "$envfile"
  if curl -fsS -o /dev/null --max-time 5 "$BATON_RGW_ENDPOINT/" 2>/dev/null; then
    sed 's/^BATON_RGW_STARTED=.*/BATON_RGW_STARTED=0/' "$envfile"
    exit 0
  fi
fi

# 3. Leftovers of an earlier cluster in this home: stop them (by pid file only) and wipe.
"$(dirname "$0")/rgw-stop.sh" >/dev/null 2>&1 || true
rm -rf "$home"
mkdir -p "$home"/{run,log,mon.a,osd.0,rgw}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
mon_v2=$(free_port); mon_v1=$(free_port); rgw_port=$(free_port)
while [ "$mon_v1" = "$mon_v2" ]; do mon_v1=$(free_port); done
while [ "$rgw_port" = "$mon_v1" ] || [ "$rgw_port" = "$mon_v2" ]; do rgw_port=$(free_port); done
access=${BATON_RGW_ACCESS_KEY:-baton$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')}
secret=${BATON_RGW_SECRET_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')}
fsid=$(cat /proc/sys/kernel/random/uuid)
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
endpoint="http://127.0.0.1:$rgw_port"

# Single node, no authentication between daemons (they only listen on 127.0.0.1), one replica, small caches.
cat > "$CEPH_CONF" <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$mon_v2,v1:127.0.0.1:$mon_v1]
public addr = 127.0.0.1
public network = 127.0.0.0/8
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
ms cluster mode = crc
ms service mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms mon client mode = crc
mon warn on insecure global id reclaim allowed = false
run dir = $home/run
admin socket = $home/run/\$name.asok
pid file = $home/run/\$name.pid
log file = $home/log/\$name.log
log to stderr = false
err to stderr = true
keyring = $home/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 2
mon data avail crit = 1
osd objectstore = bluestore

[mon]
mon data = $home/mon.\$id
mon cluster log file = $home/log/cluster.log
paxos propose interval = 0.1
paxos min wait = 0.01

[osd]
osd data = $home/osd.\$id
osd memory target = 939524096
bluestore block create = true
bluestore block size = 21474836480
bluestore fsck on mount = false
bluestore cache autotune = false
bluestore cache size = 134217728
osd op num shards = 2
osd op num threads per shard = 1

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $home/rgw
rgw thread pool size = 64
rgw enable usage log = false
rgw dns name =
EOF

wait_for() { # seconds, description, command…
  local limit=$1 what=$2; shift 2
  if ! timeout "$limit" bash -c "until $*; do sleep 0.5; done"; then
    log "$what did not come up within ${limit}s; logs in $home/log"; tail -n 20 "$home"/log/*.log >&2 || true; exit 1
  fi
}

log "monitor on 127.0.0.1:$mon_v2"
monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_v2,v1:127.0.0.1:$mon_v1]" "$home/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$home/monmap"
ceph-mon -i a </dev/null >>"$home/log/daemons.out" 2>&1
wait_for 60 "the monitor" "ceph -s >/dev/null 2>&1"

log "one OSD (BlueStore on a sparse 20 GiB file)"
osd_id=$(ceph osd new "$osd_uuid")
ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" 2>"$home/log/osd-mkfs.err"
ceph-osd -i "$osd_id" </dev/null >>"$home/log/daemons.out" 2>&1
wait_for 120 "the OSD" "ceph osd stat -f json 2>/dev/null | grep -q '\"num_up_osds\":1'"

log "radosgw on $endpoint"
timeout 90 radosgw -n client.rgw.a </dev/null >>"$home/log/daemons.out" 2>&1
wait_for 120 "radosgw" "curl -fs -o /dev/null $endpoint/"

radosgw-admin user create --uid=baton --display-name=baton --access-key="$access" --secret="$secret" >/dev/null

umask 077
cat > "$envfile" <<EOF
BATON_RGW_HOME=$home
BATON_RGW_ENDPOINT=$endpoint
BATON_RGW_ACCESS_KEY=$access
BATON_RGW_SECRET_KEY=$secret
BATON_RGW_STARTED=1
BATON_STORAGE__S3__SERVICEURL=$endpoint
BATON_STORAGE__S3__ACCESSKEY=$access
BATON_STORAGE__S3__SECRETKEY=$secret
Baton__Storage__S3__ServiceUrl=$endpoint
Baton__Storage__S3__AccessKey=$access
Baton__Storage__S3__SecretKey=$secret
EOF
cat "$envfile"
log "ready: $endpoint (settings in $envfile)"
