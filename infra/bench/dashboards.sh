#!/usr/bin/env bash
# Dashboards at real use, self-contained: starts PostgreSQL, the command side and the query side as
# separate processes on loopback, imports one trainee per statement of a phase spread over the
# departments, then ingests at the rate while department dashboards and whole-organization ones
# follow the learning report over SSE, and again with one whole-organization dashboard. Prints
# acknowledgement-to-delivery p50/p95/p99, deliveries seen, CPU per part and whether any processor
# parked a dead letter. Stops everything it started (docs/benchmarks.md).
# Usage: infra/bench/dashboards.sh [departments=20] [department subscribers=200] [organization subscribers=10] [rate=4000] [seconds=60]
# Environment: BENCH_HEAP (512m, each service), BENCH_KEEP=1 (keep logs).
set -euo pipefail
. "$(dirname "$0")/jars.sh"
java -Xmx1g -jar "$bench_jar" bench-reports dashboards "$@"
