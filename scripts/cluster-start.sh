#!/usr/bin/env bash
# Starts Baton's cluster mode on loopback (docs/cluster.md): the shared S3 engine (scripts/rgw-start.sh) and PostgreSQL
# (scripts/pg-start.sh), N `baton serve` instances on random free ports (bytes in a bucket of this cluster's own, state in a
# PostgreSQL database of its own), and nginx as the round-robin load balancer in front of them.
#
# Idempotent: when the cluster of BATON_CLUSTER_HOME is up (its nginx answers), it restarts only instances that died (same port,
# same settings) and prints its settings again with BATON_CLUSTER_STARTED=0; otherwise it wipes BATON_CLUSTER_HOME and starts a
# fresh cluster (BATON_CLUSTER_STARTED=1). Stop with scripts/cluster-stop.sh (same BATON_CLUSTER_HOME), which stops only what
# this script started: RGW and PostgreSQL only if they were not already running.
#
# Prints KEY=VALUE lines (and writes them to $BATON_CLUSTER_HOME/cluster.env, sourceable):
#   BATON_CLUSTER_URL             the load balancer (nginx)
#   BATON_CLUSTER_PUBLIC_URL      every instance's public base URL (BATON_CLUSTER_URL unless set)
#   BATON_CLUSTER_INSTANCES       N; per instance i (1..N): BATON_CLUSTER_INSTANCE_i_URL, _PID (kill -9 it), _LOG, _ID
#   BATON_CLUSTER_NGINX_PID, BATON_CLUSTER_NGINX_LOG (access log: one line per request with the instance that served it)
#   BATON_CLUSTER_POSTGRES        the instances' connection string (each adds Application Name=its id)
#   BATON_CLUSTER_PG_ADMIN        a libpq connection string for psql on the cluster's database
#   BATON_CLUSTER_DATABASE, BATON_CLUSTER_BUCKET, BATON_CLUSTER_HOME, BATON_CLUSTER_STARTED
#
# Settings (environment):
#   BATON_CLUSTER_HOME       default ${TMPDIR:-/tmp}/baton-cluster
#   BATON_CLUSTER_SIZE       instances, default 3
#   BATON_CLUSTER_PG_PORT    the port instances use to reach PostgreSQL (e.g. a relay a test can stop); default the server's own
#   BATON_CLUSTER_PUBLIC_URL the URL clients use (Baton:PublicBaseUrl of every instance), when something sits in front of nginx
#                            (TLS, a test's proxy); default the nginx address
#   BATON_CLUSTER_REQUEST_LOGS  1 (default): instances log every request ("Request starting …"); 0: warnings only
#   BATON_CLUSTER_BALANCE    round-robin (default): every request to the next instance; uri-hash: requests for one URL (one
#                            upload's PATCHes, one file's GETs) to one instance while it lives (nginx `hash $uri consistent`) —
#                            an affinity for speed only: any instance still serves any request
#   BATON_*                  any other Baton setting (BATON_AUTH__…, BATON_UPLOADS__EXPIRATION…) is passed to every instance.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
home=${BATON_CLUSTER_HOME:-${TMPDIR:-/tmp}/baton-cluster}
envfile="$home/cluster.env"
log() { echo "cluster-start: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Running, and not a zombie (a process just killed with -9 is one until its parent reaps it).
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

baton_dll="$repo/src/Baton.Cli/bin/Release/net10.0/baton.dll"
if [ ! -f "$baton_dll" ]; then
  log "building the CLI (Release)"
  dotnet build "$repo/src/Baton.Cli" -c Release -v quiet -nologo >&2
fi

# Starts instance $1 from its settings file (written at the first start) and records its pid.
start_instance() {
  local dir="$home/instance-$1"
  # The log is appended to across restarts; readiness is looked for past this point.
  stat -c %s "$dir/serve.log" 2>/dev/null >"$dir/serve.log.start" || echo 0 >"$dir/serve.log.start"
  (
    cd "$dir"
    set -a
    # shellcheck disable=SC1091
    . ./serve.env
    set +a
    exec setsid dotnet "$baton_dll" serve "$dir/root" --urls "http://127.0.0.1:$BATON_INSTANCE_PORT" </dev/null >>"$dir/serve.log" 2>&1
  ) &
  echo $! >"$dir/serve.pid"
}

wait_ready() { # instance number: until its log says it serves (or it died)
  local dir="$home/instance-$1" pid
  pid=$(cat "$dir/serve.pid")
  for _ in $(seq 1 600); do
    tail -c +"$(($(cat "$dir/serve.log.start") + 1))" "$dir/serve.log" 2>/dev/null | grep -q "Baton is serving" && return 0
    alive "$pid" || break
    sleep 0.1
  done
  log "instance $1 did not start; its log ($dir/serve.log):"; tail -n 30 "$dir/serve.log" >&2; return 1
}

write_env() { # started flag
  local count i
  count=$(cat "$home/size")
  {
    echo "BATON_CLUSTER_HOME=$home"
    echo "BATON_CLUSTER_URL=http://127.0.0.1:$(cat "$home/nginx/port")/"
    echo "BATON_CLUSTER_INSTANCES=$count"
    for i in $(seq 1 "$count"); do
      echo "BATON_CLUSTER_INSTANCE_${i}_ID=baton-$i"
      echo "BATON_CLUSTER_INSTANCE_${i}_URL=http://127.0.0.1:$(cat "$home/instance-$i/port")/"
      echo "BATON_CLUSTER_INSTANCE_${i}_PID=$(cat "$home/instance-$i/serve.pid")"
      echo "BATON_CLUSTER_INSTANCE_${i}_LOG=$home/instance-$i/serve.log"
    done
    echo "BATON_CLUSTER_NGINX_PID=$(cat "$home/nginx/nginx.pid")"
    echo "BATON_CLUSTER_NGINX_LOG=$home/nginx/access.log"
    cat "$home/shared.env"
    echo "BATON_CLUSTER_STARTED=$1"
  } >"$envfile"
  cat "$envfile"
}

# 1. Already up? Then bring back dead instances and print the settings again.
if [ -f "$envfile" ] && alive "$(cat "$home/nginx/nginx.pid" 2>/dev/null)"; then
  restarted=()
  for i in $(seq 1 "$(cat "$home/size")"); do
    if ! alive "$(cat "$home/instance-$i/serve.pid")"; then
      start_instance "$i"
      restarted+=("$i")
    fi
  done
  for i in "${restarted[@]}"; do wait_ready "$i"; done
  ((${#restarted[@]})) && log "restarted instance(s) ${restarted[*]}"
  write_env 0
  exit 0
fi

# 2. Leftovers of an earlier cluster in this home: stop them (by pid file only) and wipe.
[ -d "$home" ] && "$repo/scripts/cluster-stop.sh" >/dev/null 2>&1 || true
rm -rf "$home"
mkdir -p "$home/nginx"

# 3. The shared engines: reused when running, else started (and then stopped by cluster-stop.sh).
rgw_env=$("$repo/scripts/rgw-start.sh")
pg_env=$("$repo/scripts/pg-start.sh")
value() { sed -n "s/^$1=//p" <<<"$2" | head -n 1 | sed 's/^"\(.*\)"$/\1/'; }
grep -q '^BATON_RGW_STARTED=1' <<<"$rgw_env" && value BATON_RGW_HOME "$rgw_env" >"$home/rgw-started"
grep -q '^BATON_PG_STARTED=1' <<<"$pg_env" && value BATON_PG_HOME "$pg_env" >"$home/pg-started"
pg_home=$(value BATON_PG_HOME "$pg_env")
pg_port=$(value BATON_PG_PORT "$pg_env")
pg_password=$(value BATON_PG_CONNECTION "$pg_env" | sed -n 's/.*Password=\([^;]*\).*/\1/p')

# 4. A database and a bucket of this cluster's own: clusters (and test runs) never see each other's state.
id=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
database="baton_cluster_$id"
bucket="baton-cluster-$id"
psql -q -h "$pg_home/run" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database OWNER baton" >/dev/null
echo "$database" >"$home/database"
echo "$pg_home" >"$home/pg-home"
value BATON_RGW_HOME "$rgw_env" >"$home/rgw-home"
echo "$bucket" >"$home/bucket"

size=${BATON_CLUSTER_SIZE:-3}
echo "$size" >"$home/size"
lb_port=$(free_port)
echo "$lb_port" >"$home/nginx/port"
lb="http://127.0.0.1:$lb_port/"
public_url=${BATON_CLUSTER_PUBLIC_URL:-$lb}
instance_pg_port=${BATON_CLUSTER_PG_PORT:-$pg_port}
connection="Host=127.0.0.1;Port=$instance_pg_port;Database=$database;Username=baton;Password=$pg_password"
signing_key=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
cat >"$home/shared.env" <<EOF
BATON_CLUSTER_PUBLIC_URL=$public_url
BATON_CLUSTER_POSTGRES="$connection"
BATON_CLUSTER_PG_ADMIN="host=127.0.0.1 port=$pg_port dbname=$database user=baton password=$pg_password"
BATON_CLUSTER_DATABASE=$database
BATON_CLUSTER_BUCKET=$bucket
EOF

# 5. The instances. Every Baton setting of the caller's environment goes to each (minus this script's own and the engines').
passed=$(env | grep -E '^BATON_[A-Za-z0-9_]+=' | grep -vE '^BATON_(CLUSTER_[A-Za-z]|RGW_|PG_|TEST_|INSTANCE_)' | grep -vE '^BATON_(STORAGE__|CLUSTER__POSTGRES)' || true)
request_level=Information
[ "${BATON_CLUSTER_REQUEST_LOGS:-1}" = 1 ] || request_level=Warning
used_ports=" $lb_port "
for i in $(seq 1 "$size"); do
  dir="$home/instance-$i"
  mkdir -p "$dir/root"
  port=$(free_port)
  while [[ "$used_ports" == *" $port "* ]]; do port=$(free_port); done
  used_ports+="$port "
  echo "$port" >"$dir/port"
  # Request logs name the instance that served each request (the tests count them); the host's own lines only.
  cat >"$dir/appsettings.json" <<EOF
{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning",
      "Microsoft.AspNetCore.Hosting.Diagnostics": "$request_level",
      "Microsoft.Hosting.Lifetime": "Warning"
    }
  }
}
EOF
  {
    printf '%s\n' "$passed"
    printf 'BATON_INSTANCE_PORT=%s\n' "$port"
    printf 'BATON_STORAGE__KIND=s3\n'
    printf 'BATON_STORAGE__S3__SERVICEURL=%q\n' "$(value BATON_RGW_ENDPOINT "$rgw_env")"
    printf 'BATON_STORAGE__S3__ACCESSKEY=%q\n' "$(value BATON_RGW_ACCESS_KEY "$rgw_env")"
    printf 'BATON_STORAGE__S3__SECRETKEY=%q\n' "$(value BATON_RGW_SECRET_KEY "$rgw_env")"
    printf 'BATON_STORAGE__S3__BUCKET=%q\n' "$bucket"
    printf 'BATON_CLUSTER__POSTGRES=%q\n' "$connection;Application Name=baton-$i"
    printf 'BATON_INSTANCEID=%q\n' "baton-$i"
    printf 'BATON_PUBLICBASEURL=%q\n' "$public_url"
    printf 'BATON_AUTH__SIGNINGKEY=%q\n' "$signing_key"
    printf 'DOTNET_gcServer=0\n'
  } | sed '/^$/d' >"$dir/serve.env"
  start_instance "$i"
done
for i in $(seq 1 "$size"); do wait_ready "$i"; done

# 6. nginx, round-robin over the instances (or by URL: BATON_CLUSTER_BALANCE=uri-hash).
upstreams=""
case "${BATON_CLUSTER_BALANCE:-round-robin}" in
  round-robin) ;;
  uri-hash) upstreams+="        hash \$uri consistent;"$'\n' ;;
  *) log "BATON_CLUSTER_BALANCE must be round-robin or uri-hash"; exit 2 ;;
esac
for i in $(seq 1 "$size"); do upstreams+="        server 127.0.0.1:$(cat "$home/instance-$i/port") max_fails=0;"$'\n'; done
cat >"$home/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $home/nginx/nginx.pid;
error_log $home/nginx/error.log warn;
events { worker_connections 4096; }
http {
    log_format cluster '\$time_iso8601 "\$request" \$status \$body_bytes_sent upstream=\$upstream_addr upstream_status=\$upstream_status time=\$request_time';
    access_log $home/nginx/access.log cluster;
    client_body_temp_path $home/nginx/body;
    proxy_temp_path $home/nginx/proxy;
    fastcgi_temp_path $home/nginx/fastcgi;
    uwsgi_temp_path $home/nginx/uwsgi;
    scgi_temp_path $home/nginx/scgi;
    upstream baton {
        # Round-robin, no sticky sessions: any instance serves any request. max_fails=0: a killed instance refuses connections
        # at once and nginx moves on to the next (proxy_next_upstream); counting failures would also take healthy instances out
        # whenever Baton answers a PATCH early (409) and closes the connection while nginx is still sending its body.
$upstreams        keepalive 32;
    }
    server {
        listen 127.0.0.1:$lb_port;
        client_max_body_size 0;          # uploads are unbounded here; Baton enforces its own limits
        client_body_timeout 5m;
        location / {
            proxy_pass http://baton;
            proxy_http_version 1.1;      # keepalive to the instances, chunked request bodies
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_request_buffering off; # a PATCH streams to its instance as it arrives: no spooling to disk, offsets stay live
            proxy_buffering off;         # downloads stream to the client
            # Retry on another instance only when the request did not reach one (connection refused or timed out). nginx never
            # passes a non-idempotent request (POST, PATCH) on once it was sent — nor could it: the unbuffered body is gone.
            # A PATCH cut short by a dying instance ends with 502 and the client resumes from HEAD (tus 1.0 §Core protocol).
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            proxy_send_timeout 5m;
            proxy_read_timeout 5m;
        }
    }
}
EOF
nginx -p "$home/nginx" -c "$home/nginx/nginx.conf" -e "$home/nginx/error.log"
for _ in $(seq 1 100); do
  [ -s "$home/nginx/nginx.pid" ] && curl -fsS -o /dev/null --max-time 2 "${lb}healthz" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null --max-time 5 "${lb}healthz" || { log "nginx does not answer on $lb"; cat "$home/nginx/error.log" >&2; exit 1; }

write_env 1
log "ready: $lb → ${size} instances (settings in $envfile)"
