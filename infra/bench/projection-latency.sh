#!/usr/bin/env bash
# Measures how long after the command side's 201 (the verification that completes a registration)
# an instructor profile becomes readable on the query side, over real HTTP, against a running local
# system (README command 1). More than 30 runs an hour need a higher registration budget: see
# registration.sh.
# Usage: infra/bench/projection-latency.sh [count]   (default 50)
# Prints one line per run and then min / median / p95 / max in milliseconds.
set -euo pipefail
count=${1:-50}
command_side=${COMMAND_SIDE_URL:-http://localhost:8080}
query_side=${QUERY_SIDE_URL:-http://localhost:8081}
secrets=${LEARNING_SECRETS_DIR:-$HOME/.learning-platform/secrets}
. "$(dirname "$0")/registration.sh"
operator=$(curl -sf -X POST "$command_side/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"operator@localhost\",\"password\":\"$(cat "$secrets/initial-operator-password")\"}" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
run=$(date +%s)
results=()
for i in $(seq 1 "$count"); do
  body="{\"name\":\"Latency $i\",\"email\":\"latency-$run-$i@bench.example\",\"phone\":\"+1 555 0100\",\"password\":\"benchmark-password-$i\"}"
  response=$(register_verified "$command_side" /api/instructors "$body" "latency-$run-$i@bench.example" "$operator")
  t0=$(date +%s%N)
  id=$(sed -E 's/.*"instructorId":"([^"]+)".*/\1/' <<<"$response")
  deadline=$((t0 + 10000000000))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$query_side/api/instructors/$id")" = 200 ]; do
    [ "$(date +%s%N)" -lt "$deadline" ] || { echo "run $i: not visible after 10 s" >&2; exit 1; }
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  results+=("$ms")
  echo "run $i: ${ms} ms"
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {
  p95 = a[int((NR * 95 + 99) / 100)];
  med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
  printf "runs=%d min=%d median=%s p95=%d max=%d (ms, 201 from command side -> 200 from query side)\n", NR, a[1], med, p95, a[NR] }'
