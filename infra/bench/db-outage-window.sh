#!/usr/bin/env bash
# Measures what a PostgreSQL restart costs xAPI clients, against a running local system (README
# command 1, with its embedded PostgreSQL). A client starts one POST /xapi/statements every
# [interval] seconds, each on its own, so a hung request hides no later one. The script stops
# PostgreSQL (fast shutdown: sessions are cut, as in a crash or failover), keeps it down for
# [down-seconds], starts it again, and waits for the first acknowledgement. It prints how long
# readiness took to answer while the database was down, the answers the batches got and how long
# they took, and the outage window: from the first failed request to the first 200 after the
# database is back.
# With an external database, set DB_STOP and DB_START to commands that stop and start it (e.g.
# `docker stop pg`, `docker start pg`).
# Usage: infra/bench/db-outage-window.sh [down-seconds] [interval]   (default 10, 0.25)
set -euo pipefail
down=${1:-10}
interval=${2:-0.25}
cmd=${COMMAND_SIDE_URL:-http://localhost:8080}
home=${LEARNING_HOME:-$HOME/.learning-platform}
secrets=${LEARNING_SECRETS_DIR:-$home/secrets}
run=$(date +%s)
now() { date +%s%N; }

# The local run's embedded PostgreSQL is handled through its postmaster: SIGINT is a fast shutdown;
# the start runs the command line it last ran with (postmaster.opts) and is done when postmaster.pid
# says "ready". As root it starts in a user namespace of its own (`unshare -U`), as the embedded
# PostgreSQL library does: PostgreSQL refuses to run as root.
pgdata=$home/pgdata
stop_db() {
  if [ -n "${DB_STOP:-}" ]; then bash -c "$DB_STOP"; return; fi
  local pid
  pid=$(head -1 "$pgdata/postmaster.pid")
  kill -INT "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}
start_db() {
  if [ -n "${DB_START:-}" ]; then bash -c "$DB_START"; return; fi
  # postmaster.opts holds the command line, quoted
  local as=""
  [ "$(id -u)" != 0 ] || as="unshare -U"
  eval "setsid $as $(cat "$pgdata/postmaster.opts")" >>"$home/db-outage-window.log" 2>&1 &
  until [ "$(sed -n 8p "$pgdata/postmaster.pid" 2>/dev/null | tr -d ' ')" = ready ]; do sleep 0.05; done
}

. "$(dirname "$0")/bench-admin.sh"
bench_organization "Outage Bench"
credential=$(curl -sf -X POST "$cmd/api/organizations/$org/xapi-credentials" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"label":"outage bench"}')
basic="$(json key <<<"$credential"):$(json secret <<<"$credential")"
statement='{"actor":{"mbox":"mailto:outage-learner@bench.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"https://content.example/video/1"}}'

log=$(mktemp)
trap 'kill "$client" 2>/dev/null || true; rm -f "$log"' EXIT
# one line per request: start and end (ns), HTTP status (000: no answer within 35 s), problem type
post() {
  local start body
  start=$(now)
  body=$(curl -s --max-time 35 -u "$basic" -H 'X-Experience-API-Version: 1.0.3' -H 'Content-Type: application/json' \
    -d "$statement" -w '\n%{http_code}' "$cmd/xapi/statements" || true)
  echo "$start $(now) ${body##*$'\n'} $(grep -oE 'problem:[a-z-]+' <<<"$body" | head -1 | sed 's/problem://')" >> "$log"
}
( while true; do post & sleep "$interval"; done ) &   # a client's pace, not a wait for a condition
client=$!

sleep 2
stopping=$(now)
stop_db
stopped=$(now)
echo "database stopped ($(( (stopped - stopping) / 1000000 )) ms); down for $down s"
sleep 1
# in the background: a probe that hangs must not lengthen the outage
( echo "readiness while the database was down: $(curl -s -o /dev/null --max-time 35 \
  -w '%{http_code} after %{time_total} s' "$cmd/actuator/health/readiness")" ) &
sleep "$((down - 1))"
start_db
back=$(now)
echo "database accepting connections again"
deadline=$((back + 60000000000))
until awk -v back="$back" '$2 > back && $3 == 200 { found = 1 } END { exit !found }' "$log"; do
  [ "$(now)" -lt "$deadline" ] || { echo "no acknowledgement within 60 s of the database coming back" >&2; exit 1; }
  sleep 0.1
done
sleep 1
kill "$client" 2>/dev/null || true

sort -n "$log" | awk -v stopping="$stopping" -v back="$back" '
  $1 >= stopping && $3 != 200 && !first_failure { first_failure = $1 }
  first_failure && $3 != 200 {
    key = $3 " " ($4 == "" ? "-" : $4); ms = ($2 - $1) / 1e6
    count[key]++; sum[key] += ms; if (ms > longest[key]) longest[key] = ms }
  $3 == 200 && $2 > back && (!first_ack || $2 < first_ack) { first_ack = $2 }
  END {
    if (!first_failure) { print "no request failed: the outage was not seen"; exit 1 }
    print "failed requests, by answer: count, then answered after (ms) on average and at most"
    for (k in count) printf "  %4d x %-28s %6.0f %6.0f\n", count[k], k, sum[k] / count[k], longest[k]
    printf "outage window (first failure -> first 200 after the database is back): %.1f s\n", (first_ack - first_failure) / 1e9
    printf "recovery (database back -> first 200): %.2f s\n", (first_ack - back) / 1e9 }'
