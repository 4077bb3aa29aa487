#!/usr/bin/env bash
# Learning-report benchmark against running services: seeds one organization with
# trainees and statements, then prints the CSV and XLSX export times with the query side's peak heap,
# and the acknowledgement-to-delivery delay seen by many SSE subscribers during steady ingestion.
# Run the two sides apart so the query side's heap is its own (docs/benchmarks.md shows how).
# Usage: infra/bench/reports.sh [trainees=100000] [statements=1000000] [subscribers=200] [rate=5000] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
# run from a copy, so rebuilding the project meanwhile cannot break the running benchmark
copy=$(mktemp --suffix=.jar) && cp "$jar" "$copy" && trap 'rm -f "$copy"' EXIT
java -jar "$copy" bench-reports "$@"
