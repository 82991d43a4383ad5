#!/usr/bin/env bash
# Runs every test suite: unit, HTTP on SQLite and PostgreSQL, and the browser suite.
# Installs what it needs (postgresql, chromium) when missing, starts a throwaway PostgreSQL on a free
# loopback port under a temp dir, and stops it whatever happens. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/conversa-pg.XXXXXX)
port=""
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free loopback port found" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_postgres EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
echo "== starting PostgreSQL ($("$pgbin/postgres" --version)) on 127.0.0.1:$port"
as_postgres "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/pg.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
export CONVERSA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

echo "== building"
dotnet build Conversa.slnx -c Release -nologo -v quiet

results="$root/TestResults"
rm -rf "$results"
failed_suites=0
for project in tests/Conversa.Core.Tests tests/Conversa.Api.Tests tests/Conversa.Browser.Tests; do
  name=$(basename "$project")
  echo "== $name"
  set +e
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" --logger "console;verbosity=minimal"
  status=$?
  set -e
  [ "$status" -eq 0 ] || failed_suites=$((failed_suites + 1))
done

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  t=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); total=$((total + t))
done
if [ "$total" -eq 0 ]; then
  echo "no tests ran" >&2
  failed_suites=$((failed_suites + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed_suites" -eq 0 ] && [ "$failed" -eq 0 ]
