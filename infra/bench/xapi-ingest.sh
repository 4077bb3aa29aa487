#!/usr/bin/env bash
# xAPI ingestion benchmark against a running system. Start the command side alone with a 512 MB heap
# first (the figure the issue asks about is the command side's heap):
#   LEARNING_RUN=command-side java -Xmx512m -jar infra/local-run/target/learning-local.jar
# then run this. It sets up organizations, trainees and credentials through the API, loads the
# service at peak and at 70% of peak with batches of 100, measures the raw JDBC ceiling of the same
# PostgreSQL in the same run, and prints the figures and the ratio.
# Usage: infra/bench/xapi-ingest.sh [organizations=4] [trainees per organization=2500] [concurrency=8] [seconds per phase=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
exec java -jar "$jar" bench-xapi "$@"
