#!/usr/bin/env bash
# The reliability suite alone: packages the jar, then runs ReliabilityIT (two instances of it on an
# embedded PostgreSQL the suite owns, with a database outage, SIGTERM and SIGKILL injected under load).
# The report lands in target/reliability/report.md (and report.json). `./mvnw verify` runs it too.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
./mvnw -B verify -DskipUTs "$@" || status=$?
if [ -f target/reliability/report.md ]; then
  cat target/reliability/report.md
fi
exit $status
