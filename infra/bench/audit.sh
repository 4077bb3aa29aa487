#!/usr/bin/env bash
# Auditors' benchmark, self-contained: a throw-away embedded PostgreSQL (durability on) and
# both services in this JVM; seeds the store (setup over HTTP, the bulk of StatementRecorded events
# appended through the command side's encrypting event store), then prints the audit stream with
# decryption, the learning-report rebuild and the verification, each beside the raw JDBC read rate
# of the same rows measured in the same run.
# Usage: infra/bench/audit.sh [events=1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -o -pl infra/benchmarks -am package -DskipTests
# run from a copy, so rebuilding the project meanwhile cannot break the running benchmark
copy=$(mktemp --suffix=.jar) && cp "$jar" "$copy" && trap 'rm -f "$copy"' EXIT
# the services' INFO log lines (JSON) are left out; warnings, errors and the figures stay
java -Xmx1g -jar "$copy" bench-audit "$@" 2>&1 | grep --line-buffered -v '^{"@timestamp":"[^"]*","log":{"level":"INFO"' \
  | grep --line-buffered -v '^[0-9:.]* \[[^]]*\] INFO '
