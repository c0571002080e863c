#!/usr/bin/env bash
# Instant uploads (issue 15): dotnet build src/Baton.Cli -c Release, then bench/instant-upload.sh [disk|s3] (s3: scripts/rgw-start.sh first).
# Measures: a file (SIZE, default 1G) uploaded once, then "uploaded" again by digest; compared with hashing it locally.
# Every stored file is deleted through Baton at the end (on a shared RGW the space returns only at its garbage collection).
set -euo pipefail
kind=${1:-disk}
repo=$(cd "$(dirname "$0")/.." && pwd); dir=${TMPDIR:-/tmp}/baton-instant-bench; mkdir -p "$dir"; root=$dir/root-$kind; file=$dir/big.bin
size=${SIZE:-1G}; file=$dir/big-$size.bin
[ -f $file ] || head -c $size /dev/urandom > $file
rm -rf $root; mkdir -p $root
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
if [ "$kind" = s3 ]; then
  set -a; . /tmp/baton-rgw/rgw.env; set +a
  export BATON_STORAGE__KIND=s3 BATON_STORAGE__S3__BUCKET=baton-instant-bench BATON_STORAGE__S3__PREFIX=run-$RANDOM/
fi
dotnet "$repo/src/Baton.Cli/bin/Release/net10.0/baton.dll" serve $root --urls http://127.0.0.1:$port > $dir/serve-$kind.log 2>&1 &
pid=$!
names=(first.bin second.bin instant1.bin instant2.bin instant3.bin)
cleanup() { for n in "${names[@]}"; do curl -s -o /dev/null -X DELETE http://127.0.0.1:$port/files/$n || true; done; kill $pid; }
trap cleanup EXIT
for i in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/uploads -X OPTIONS && break; sleep 0.2; done
meta() { printf 'filename %s' "$(printf %s "$1" | base64)"; }
echo "sha256sum:        $( { /usr/bin/time -f %e sha256sum $file >/dev/null; } 2>&1 ) s"
echo "openssl sha256:   $( { /usr/bin/time -f %e openssl dgst -sha256 -binary $file >/dev/null; } 2>&1 ) s"
digest=$(openssl dgst -sha256 -binary $file | base64)
up() { curl -sS -o /dev/null -w '%{http_code} %{time_total}' -X POST -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $(stat -c %s $file)" \
  -H "Upload-Metadata: $(meta $1)" -H 'Content-Type: application/offset+octet-stream' -T $file http://127.0.0.1:$port/uploads; }
echo "first upload:     $(up first.bin) s"
echo "second upload:    $(up second.bin) s (ordinary, deduplicated at placement)"
for n in 1 2 3; do
  echo "instant #$n:       $(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -X POST -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $(stat -c %s $file)" \
    -H "Upload-Metadata: $(meta instant$n.bin)" -H "Repr-Digest: sha-256=:$digest:" http://127.0.0.1:$port/uploads) s"
done
[ "$kind" = disk ] && stat -c '%n inode %i links %h' $root/first.bin $root/second.bin $root/instant1.bin
