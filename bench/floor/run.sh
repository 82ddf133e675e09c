#!/usr/bin/env bash
# The stack's floor (bench/README.md): what GET /api/v2/tickets/{id} costs the java process as the service
# serves it, and as FloorController serves the same statements through JdbcClient with nothing else, next to a
# request that does nothing. Builds a jar of HEAD with the experiment in a temporary worktree (the checkout is
# not touched), runs it on a fresh database of the machine's PostgreSQL, and measures each URL with wrk in
# alternating rounds.   bench/floor/run.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in wrk psql java curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/floor: $tool is required (bench/run.sh installs wrk)" >&2; exit 1; }
done
rounds=${1:-2}; seconds=${2:-10}
stamp=$(date +%Y%m%d%H%M%S)_$$; db=sd_floor_$stamp; port=18491
token=floor-token-0123456789abcdef0123456789; admin=admin@floor.example
tree=$(mktemp -d); pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $db with (force)" -c "drop role if exists $db" || true
}
trap cleanup EXIT

git worktree add -q --detach "$tree" HEAD
mkdir -p "$tree/src/main/java/io/sidedesk/floor"
cp bench/floor/FloorController.java "$tree/src/main/java/io/sidedesk/floor/"
(cd "$tree" && ./mvnw -q -B -DskipTests package)
psql -q -h 127.0.0.1 -U postgres -c "create role $db login password 'floor'" -c "create database $db owner $db"

SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=$db \
SPRING_DATASOURCE_PASSWORD=floor SIDEDESK_ADMIN_EMAIL=$admin SIDEDESK_ADMIN_TOKEN=$token PORT=$port \
SIDEDESK_RATE_LIMITS_ENABLED=false java @jvm.options -Xmx256m -jar "$tree"/target/sidedesk-*.jar \
  > "$tree/service.log" 2>&1 &
pid=$!
for _ in $(seq 120); do curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
auth="Authorization: Basic $(printf '%s' "$admin/token:$token" | base64 -w0)"
curl -sf -H "$auth" -H 'Content-Type: application/json' "localhost:$port/api/v2/tickets" \
  -d '{"ticket":{"subject":"Floor","comment":{"body":"A ticket to read, again and again."},"tags":["a","b"]}}' >/dev/null

hz=$(getconf CLK_TCK)
measure() {  # SECONDS URL [CREDENTIALS]: requests/s and java CPU ms per request, 16 connections
  local secs=$1 url=$2 header=() u0 s0 u1 s1 out reqs
  [ -n "${3:-}" ] && header=(-H "$auth")
  read -r u0 s0 < <(awk '{print $14, $15}' /proc/$pid/stat)
  out=$(wrk -t2 -c16 -d"${secs}s" "${header[@]}" "http://localhost:$port$url")
  read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
  reqs=$(echo "$out" | awk '/requests in/{print $1}')
  awk -v url="$url${3:+ (with credentials)}" -v n="$reqs" -v s="$secs" -v cpu=$((u1 + s1 - u0 - s0)) -v hz="$hz" \
    'BEGIN { printf "%-56s %8d/s %8.3f ms\n", url, n / s, cpu * 1000 / hz / n }'
}
# A request that does nothing; the same with credentials (authentication's statement and Spring Security's
# work); GET /api/v2/tickets/1 as the service serves it; its statements alone through JdbcClient; and with ten
# statements more.
runs=("/actuator/health/liveness" "/actuator/health/liveness yes" "/api/v2/tickets/1 yes"
      "/api/v2/floor/tickets/1 yes" "/api/v2/floor/tickets/1?repeat=10 yes")
echo "== warm-up: 30 s per request"
for run in "${runs[@]}"; do measure 30 $run >/dev/null; done
printf '%-56s %10s %11s\n' "request" "throughput" "java CPU"
for _ in $(seq "$rounds"); do
  for run in "${runs[@]}"; do measure "$seconds" $run; done
done
