#!/usr/bin/env bash
# Instant upload (issue 15 §Benchmarks): `baton put` of a 1 GiB file the server already has, against a normal upload of the same
# file and against `sha256sum` of it. The instant path must cost no more than hashing the file locally.
#
#   bench/instant-put.sh [--size-mib N] [--rounds N]      (defaults: 1024 MiB, 3 rounds; needs a Release build of src/Baton.Cli)
#
# Per round, on a fresh server root (baton serve, disk backend, loopback), in this order, the file in the page cache:
#   sha256sum FILE                  — the local hash rate (coreutils)
#   openssl dgst -sha256 FILE       — the same with OpenSSL (SHA extensions where the CPU has them; .NET hashes through OpenSSL)
#   baton put FILE URL              — first upload: hashes first, the server does not have it, then uploads (digest checked)
#   baton put FILE URL              — again: hashes, digest-first creation completes at once ("already stored"), nothing sent
#   baton put FILE URL --as-copy    — a normal upload as before issue 15 (no hashing phase), bytes sent again
# Prints each run and the medians as a Markdown table.
set -euo pipefail
size_mib=1024
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mib) size_mib=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--size-mib N] [--rounds N]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
baton="$repo/src/Baton.Cli/bin/Release/net10.0/baton"
[ -x "$baton" ] || { echo "build first: dotnet build src/Baton.Cli -c Release" >&2; exit 2; }
work=$(mktemp -d /tmp/baton-instant-bench.XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
file="$work/big.bin"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$file"
export XDG_STATE_HOME="$work/state"

# Wall time of a command; its stdout is kept in $work/last.out.
seconds() { local start end; start=$(date +%s.%N); "$@" > "$work/last.out" 2>/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -a sha ossl first again copy
cat "$file" > /dev/null
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/root" "$work/state"
  mkdir -p "$work/root"
  "$baton" serve "$work/root" --urls http://127.0.0.1:0 > "$work/serve.log" 2>&1 &
  server_pid=$!
  until grep -q "Baton is serving" "$work/serve.log"; do kill -0 "$server_pid"; sleep 0.1; done
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1)/uploads/
  sha[round]=$(seconds sha256sum "$file")
  ossl[round]=$(seconds openssl dgst -sha256 "$file")
  first[round]=$(seconds "$baton" put "$file" "$url" --json)
  again[round]=$(seconds "$baton" put "$file" "$url" --json)
  grep -q '"alreadyStored":true' "$work/last.out" || { echo "the second put was not instant" >&2; exit 1; }
  copy[round]=$(seconds "$baton" put "$file" "$url" --as-copy --json)
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  printf 'round %d: sha256sum %.2f s, openssl %.2f s, first put %.2f s, put again (instant) %.2f s, put --as-copy %.2f s\n' \
    "$round" "${sha[round]}" "${ossl[round]}" "${first[round]}" "${again[round]}" "${copy[round]}"
done

row() { local name=$1; shift; local m; m=$(printf '%s\n' "$@" | median); printf '| %s | %.2f | %.0f |\n' "$name" "$m" "$(echo "$size_mib / $m" | bc -l)"; }
echo
echo "$(nproc) cores, $(uname -r), ${size_mib} MiB file in the page cache, $rounds rounds, medians:"
echo
echo '| command | seconds | MiB/s of the file |'
echo '| --- | ---: | ---: |'
row 'sha256sum FILE' "${sha[@]}"
row 'openssl dgst -sha256 FILE' "${ossl[@]}"
row 'baton put FILE (already stored: hash + digest-first creation + verification HEAD)' "${again[@]}"
row 'baton put FILE (not stored: hash, then upload)' "${first[@]}"
row 'baton put FILE --as-copy (normal upload, no hashing phase)' "${copy[@]}"
