#!/usr/bin/env bash
# Retention benchmark: on a throw-away embedded PostgreSQL, imports an organization's
# members, sets "erase after 1 day without activity" with the command side's clock two days ahead,
# runs the retention job and prints the time to erase them all, projections included.
# Usage: infra/bench/retention.sh [members=10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
# run from a copy, so rebuilding the project meanwhile cannot break the running benchmark
copy=$(mktemp --suffix=.jar) && cp "$jar" "$copy" && trap 'rm -f "$copy"' EXIT
java -Xmx1g -jar "$copy" bench-retention "$@"
