#!/usr/bin/env bash
# The Sidedesk benchmark, one command:  bench/run.sh [short|full] [--connections N] [--keep] [--jar PATH] [--features]
# (--features: triggers, an SLA policy, a webhook and routing configured through the API before the capture)
# Needs the machine's PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), Java 17, python3, pgbench;
# installs wrk from Debian's packages if missing; builds the jar if target/ has none (BENCH_BUILD=1 forces it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (apt-get)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in psql pgbench java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is required" >&2; exit 1; }
done
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "bench: no PostgreSQL on 127.0.0.1:5432" >&2; exit 1; }

if [ "${BENCH_BUILD:-0}" = 1 ] || ! ls target/sidedesk-*.jar >/dev/null 2>&1; then
  echo "== building the jar: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi

exec python3 bench/bench.py "$@"
