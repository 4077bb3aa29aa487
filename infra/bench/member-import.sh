#!/usr/bin/env bash
# Imports a generated 50,000-row member CSV into a running local system (README command 1, ideally
# started with `java -Xmx512m -jar infra/local-run/target/learning-local.jar`) and prints the rows
# per second and the peak heap the service reported while importing.
# Usage: infra/bench/member-import.sh [rows]   (default 50000)
set -euo pipefail
rows=${1:-50000}
cmd=${COMMAND_SIDE_URL:-http://localhost:8080}
secrets=${LEARNING_SECRETS_DIR:-$HOME/.learning-platform/secrets}
run=$(date +%s)
json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
. "$(dirname "$0")/registration.sh"

operator=$(curl -sf -X POST "$cmd/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"operator@localhost\",\"password\":\"$(cat "$secrets/initial-operator-password")\"}" | json accessToken)
org=$(curl -sf -X POST "$cmd/api/organizations" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Import Bench $run\",\"dataRegion\":\"eu\"}" | json organizationId)
admin=$(register_verified "$cmd" /api/administrators \
  "{\"organizationId\":\"$org\",\"name\":\"Bench Admin\",\"email\":\"bench-admin-$run@bench.example\",\"password\":\"benchmark-password\"}" \
  "bench-admin-$run@bench.example" "$operator" | json administratorId)
curl -sf -X POST "$cmd/api/administrators/$admin/approval" -H "Authorization: Bearer $operator" >/dev/null
token=$(curl -sf -X POST "$cmd/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-admin-$run@bench.example\",\"password\":\"benchmark-password\"}" | json accessToken)

file=$(mktemp --suffix=.csv)
trap 'rm -f "$file" "$file.heap"; kill "$sampler" 2>/dev/null || true' EXIT
awk -v n="$rows" -v run="$run" 'BEGIN {
  print "name,phone,email,department"
  for (i = 1; i <= n; i++) printf "Member %d,+1 555 %07d,member-%s-%d@bench.example,Dept %d\n", i, i, run, i, i % 40
}' > "$file"

# heap in use = the sum of the heap pools in the Prometheus scrape
heap() { curl -s "$cmd/actuator/prometheus" -H "Authorization: Bearer $operator" \
  | awk '/^jvm_memory_used_bytes\{area="heap"/ { sum += $NF } END { printf "%.0f\n", sum }'; }
( while true; do heap >> "$file.heap"; sleep 0.2; done ) &   # sampling interval of a driver script, not a test
sampler=$!

start=$(date +%s%N)
result=$(curl -sf -X POST "$cmd/api/organizations/$org/member-imports" -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/csv' --data-binary @"$file")
end=$(date +%s%N)
kill "$sampler" 2>/dev/null || true
echo "result: $result"
awk -v rows="$rows" -v ns=$((end - start)) 'BEGIN { max = 0 } { if ($1 + 0 > max) max = $1 + 0 } END {
  printf "imported %d rows in %.1f s: %.0f rows/s; peak heap used %.0f MB (sampled every 0.2 s)\n",
    rows, ns / 1e9, rows / (ns / 1e9), max / 1048576 }' "$file.heap"
