#!/usr/bin/env bash
# Runs the built test projects and prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
# BATON_TEST_PROJECTS: space-separated test projects to run instead of the whole solution (test.sh --fast).
status=0
# A full run starts the S3 engine (Ceph RGW, scripts/rgw-start.sh) once for everything that needs it: the S3 backend's tests and
# the HTTP suites (tests/Baton.Server.Tests) run a second time against S3 below. It is stopped at the end if this run started it.
# Likewise PostgreSQL (scripts/pg-start.sh) for the cluster mode's tests, which read BATON_PG_CONNECTION.
rgw_started=0
pg_started=0
stop_started() {
  [ "$rgw_started" = 1 ] && BATON_RGW_HOME="$rgw_home" scripts/rgw-stop.sh >/dev/null
  [ "$pg_started" = 1 ] && BATON_PG_HOME="$pg_home" scripts/pg-stop.sh >/dev/null
  true
}
if [ -z "${BATON_TEST_PROJECTS:-}" ]; then
  trap stop_started EXIT
  rgw_env=$(scripts/rgw-start.sh) || { echo "run-tests: scripts/rgw-start.sh failed" >&2; exit 1; }
  grep -q '^BATON_RGW_STARTED=1' <<<"$rgw_env" && rgw_started=1
  rgw_home=$(sed -n 's/^BATON_RGW_HOME=//p' <<<"$rgw_env")
  pg_env=$(scripts/pg-start.sh) || { echo "run-tests: scripts/pg-start.sh failed" >&2; exit 1; }
  grep -q '^BATON_PG_STARTED=1' <<<"$pg_env" && pg_started=1
  pg_home=$(sed -n 's/^BATON_PG_HOME=//p' <<<"$pg_env")
  # Only the test-facing settings (BATON_PG_*): pg.env also carries BATON_CLUSTER__POSTGRES, which would switch every
  # `baton serve` a test starts into cluster mode; cluster tests pass it to the instances they mean to cluster.
  set -a
  eval "$(grep '^BATON_PG_' "$pg_home/pg.env")"
  set +a
fi
for target in ${BATON_TEST_PROJECTS:-Baton.slnx}; do
  dotnet test "$target" -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?
done
if [ -z "${BATON_TEST_PROJECTS:-}" ]; then
  # The HTTP, client and browser suites (downloads, uploads, Files API, access, CORS, baton get/put, the page) again, with the S3
  # backend on RGW (each test server below a prefix of its own).
  (
    set -a
    # shellcheck disable=SC1090
    . "$rgw_home/rgw.env"
    set +a
    # Tests marked [Trait("Storage","Disk")] look at the root folder itself or need a disk-only capability (TestStorage.Trait).
    # The client (CLI processes) and browser suites follow: every BatonTestServer they start stores on S3 too.
    failed=0
    for suite in Baton.Server.Tests Baton.Cli.Tests Baton.Browser.Tests; do
      BATON_TEST_STORAGE=s3 dotnet test "tests/$suite" -c Release --no-build --filter "Storage!=Disk" \
        --logger "trx;LogFileName=$suite-on-s3.trx" --results-directory "$results" "$@" || failed=1
    done
    exit $failed
  ) || status=$?
fi
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
