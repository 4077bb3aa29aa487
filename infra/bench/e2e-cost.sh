#!/usr/bin/env bash
# The platform's cost per learning statement, end to end, self-contained: starts PostgreSQL (the
# local run's embedded one), the command side and the query side as separate processes on loopback,
# ingests the statements through /xapi at a fixed rate, waits until every processor of both sides
# has handled the last one, and prints CPU seconds per 1,000 statements by process and by stage,
# then the peak, the raw JDBC ceiling of the same PostgreSQL and their ratio. Stops everything it
# started. Nothing else should run on the machine meanwhile (docs/benchmarks.md).
# Usage: infra/bench/e2e-cost.sh [statements=100000] [rate=2000] [trainees=10000] [warm-up=20000] [peak seconds=20]
# Environment: BENCH_HEAP (512m, each service), BENCH_STAGES=0 (no JFR recording), BENCH_KEEP=1 (keep logs),
# BENCH_COURSES (3: courses published, every trainee enrolled in each, the statements about their lessons;
# 0: no courses, statements about course ids that do not exist, as before 2026-12-07).
# LEARNING_QUERY_PROCESSORS: the query side's processor layout, merged (the default) or separate (one
# processor per projection; docs/architecture.md); e.g. LEARNING_QUERY_PROCESSORS=separate infra/bench/e2e-cost.sh
set -euo pipefail
. "$(dirname "$0")/jars.sh"
case "${LEARNING_QUERY_PROCESSORS:=merged}" in
  separate|merged) export LEARNING_QUERY_PROCESSORS ;;
  *) echo "LEARNING_QUERY_PROCESSORS must be separate or merged, not: $LEARNING_QUERY_PROCESSORS" >&2; exit 2 ;;
esac
java -Xmx1g -jar "$bench_jar" bench-e2e-cost "$@"
