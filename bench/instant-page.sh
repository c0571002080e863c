#!/usr/bin/env bash
# Instant upload in the browser page (issue 15 §Benchmarks): a 1 GiB file uploaded through Baton's web UI in headless Chromium,
# then the same file again, which the server already has — against `sha256sum` and `openssl dgst -sha256` of the same file.
# The page hashes in a Web Worker (web/sha256, WebAssembly) while it uploads, so the instant path costs the in-page hash, not
# the upload.
#
#   bench/instant-page.sh [--size-mib N] [--rounds N]     (defaults: 1024 MiB, 3 rounds)
#
# Needs Release builds of src/Baton.Cli and bench/InstantPage (dotnet build … -c Release) and Debian's /usr/bin/chromium;
# nothing downloads a browser. Per round, on a fresh server root (baton serve, disk backend, 127.0.0.1, a port of its own),
# the file in the page cache, in this order:
#   sha256sum FILE, openssl dgst -sha256 FILE      — the local hash rate
#   page hash worker alone                          — the page's own hash-worker.js over the file, no upload running
#   page, first upload                              — file handed to the picker until the row says done (uploaded while
#                                                     hashed; "page hash" is until the in-page SHA-256 is known)
#   page, the same file again                       — until the row says "Already on the server" (this browser uploaded
#                                                     it before, so the page hashes it first: the instant path), and
#                                                     until its in-page hash is known
#   page in another browser context                 — a browser that never uploaded the file: it uploads while it hashes;
#                                                     until the row ends, "instant" or (the upload finished first) "complete"
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
# BATON=path/to/baton runs another build (A/B comparisons of the page, which the server embeds).
baton="${BATON:-$repo/src/Baton.Cli/bin/Release/net10.0/baton}"
driver="$repo/bench/InstantPage/bin/Release/net10.0/InstantPage"
[ -x "$baton" ] && [ -x "$driver" ] || {
  echo "build first: dotnet build src/Baton.Cli -c Release && dotnet build bench/InstantPage -c Release" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium is missing: scripts/install-test-deps.sh (apt package chromium)" >&2; exit 2; }
work=$(mktemp -d /tmp/baton-instant-page.XXXXXX)
server_pid=
cleanup() {
  local rc=$?
  [ "$rc" -ne 0 ] && [ -f "$work/serve.log" ] && { echo "--- baton serve log:" >&2; tail -20 "$work/serve.log" >&2; }
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT
file="$work/big.bin"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$file"

seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -a sha ossl worker hash first again again_hash other
other_outcomes=
cat "$file" > /dev/null
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/root"
  mkdir -p "$work/root"
  "$baton" serve "$work/root" --urls http://127.0.0.1:0 > "$work/serve.log" 2>&1 &
  server_pid=$!
  until grep -q "Baton is serving" "$work/serve.log"; do kill -0 "$server_pid"; sleep 0.1; done
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1)/
  sha[round]=$(seconds sha256sum "$file")
  ossl[round]=$(seconds openssl dgst -sha256 "$file")
  line=$("$driver" "$url" "$file")
  worker[round]=$(sed -n 's/.*worker=\([0-9.]*\).*/\1/p' <<< "$line")
  hash[round]=$(sed -n 's/.*hash=\([0-9.]*\).*/\1/p' <<< "$line")
  first[round]=$(sed -n 's/.*first=\([0-9.]*\).*/\1/p' <<< "$line")
  again[round]=$(sed -n 's/.*instant=\([0-9.]*\).*/\1/p' <<< "$line")
  again_hash[round]=$(sed -n 's/.*instant_hash=\([0-9.]*\).*/\1/p' <<< "$line")
  other[round]=$(sed -n 's/.*other=\([0-9.]*\).*/\1/p' <<< "$line")
  other_status=$(sed -n 's/.*other_status=\([a-z]*\).*/\1/p' <<< "$line")
  other_outcomes="$other_outcomes $other_status"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  printf 'round %d: sha256sum %.2f s, openssl %.2f s, page hash worker alone %.2f s, page first upload %.2f s (in-page hash known at %.2f s), page again (instant) %.2f s (its hash known at %.2f s), another browser %.2f s (%s)\n' \
    "$round" "${sha[round]}" "${ossl[round]}" "${worker[round]}" "${first[round]}" "${hash[round]}" "${again[round]}" \
    "${again_hash[round]}" "${other[round]}" "$other_status"
done

row() { local name=$1; shift; local m; m=$(printf '%s\n' "$@" | median); printf '| %s | %.2f | %.0f |\n' "$name" "$m" "$(echo "$size_mib / $m" | bc -l)"; }
echo
echo "$(nproc) cores, $(uname -r), $(/usr/bin/chromium --version 2>/dev/null | head -1), ${size_mib} MiB file in the page cache, $rounds rounds, medians:"
echo
echo '| command | seconds | MiB/s of the file |'
echo '| --- | ---: | ---: |'
row 'sha256sum FILE' "${sha[@]}"
row 'openssl dgst -sha256 FILE' "${ossl[@]}"
row 'page hash worker alone (web/sha256 WebAssembly in a Web Worker, no upload running)' "${worker[@]}"
row 'page, already stored, uploaded before from this browser: until its in-page SHA-256 is known' "${again_hash[@]}"
row 'page, already stored, uploaded before from this browser: until "Already on the server" (in-page hash, then digest-first creation)' "${again[@]}"
row "page, already stored, added in another browser: until the row ends (upload while hashing; ended as:$other_outcomes)" "${other[@]}"
row 'page, first upload: until the in-page SHA-256 is known (hashed while uploading)' "${hash[@]}"
row 'page, first upload: until done (normal upload, hashed alongside)' "${first[@]}"
# Per-round ratios (each round's runs are back to back, so a machine that changes speed between rounds skews them less).
ratio() { local -n a=$1 b=$2; for i in "${!a[@]}"; do echo "${a[i]} / ${b[i]}" | bc -l; done | median; }
echo
printf 'Per-round medians: page instant path / page hash alone %.2f; page instant path / sha256sum %.2f; page hash alone / sha256sum %.2f; openssl / sha256sum %.2f.\n' \
  "$(ratio again worker)" "$(ratio again sha)" "$(ratio worker sha)" "$(ratio ossl sha)"
