#!/usr/bin/env bash
# Catch-up after a backlog, self-contained: starts PostgreSQL and the command side on loopback, seeds
# the statements through /xapi with every processor parked and the query side not started, then
# starts both sides and prints, per processor, the seconds until it is at the head of the event
# store. Stops everything it started (docs/benchmarks.md).
# Usage: infra/bench/catch-up.sh [statements=1000000] [trainees=10000]
# Environment: BENCH_HEAP (512m, each service), BENCH_KEEP=1 (keep logs).
set -euo pipefail
. "$(dirname "$0")/jars.sh"
java -Xmx1g -jar "$bench_jar" bench-catch-up "$@"
