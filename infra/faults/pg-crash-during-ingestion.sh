#!/usr/bin/env bash
# Fault test: kills PostgreSQL (SIGKILL to the postmaster and its backends) while xAPI
# statements stream in, restarts it on the same data, and after each recovery checks that every
# projection's totals equal the event store and the acknowledged statements exactly, through
# GET /api/operations/consistency. Self-contained: its own throw-away embedded PostgreSQL (fsync on)
# and both services in one JVM, on free ports; nothing else needs to run. Prints one line per cycle
# and a summary; exits 1 on any drift, lost or doubled statement, or timeout.
# Usage: infra/faults/pg-crash-during-ingestion.sh [cycles=20] [statements/s=200] [batch=20] [clients=4] [trainees=50]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
exec java -jar "$jar" fault-pg-crash "$@"
