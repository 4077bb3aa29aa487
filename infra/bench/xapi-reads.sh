#!/usr/bin/env bash
# xAPI reads and documents benchmark against a running command side. Start it first:
#   LEARNING_RUN=command-side java -Xmx512m -jar infra/local-run/target/learning-local.jar
# then run this. It sets up an organization, trainees and a credential with read scopes through the
# API, loads a store of N statements (batches of 1,000; a re-run with the same N and trainees loads
# only what is missing), then measures filtered pages, `more` paging and State PUT/GET, and prints
# the figures with CPU seconds of the service and PostgreSQL per 1,000 statements read.
# Usage: infra/bench/xapi-reads.sh [statements=1000000] [trainees=1000] [loading clients=8] [filtered pages=500] [state requests=1000]
#        infra/bench/xapi-reads.sh seed [statements=1000000] [trainees=1000] [loading clients=8]   (load only, then stop)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=infra/benchmarks/target/learning-benchmarks.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
exec java -jar "$jar" bench-xapi-reads "$@"
