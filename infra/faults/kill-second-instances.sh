#!/usr/bin/env bash
# Fault test: failover of processor segments between separate processes under xAPI load.
# Runs two instances of each side on one PostgreSQL: instance A is a local run (its embedded
# PostgreSQL, both sides in one JVM), instance B is one process per side from the exec jars, on the
# same database and secrets. Waits until B holds its share of every processor's segments, ingests
# xAPI statements spread over both command sides, then sends SIGKILL to both B processes mid-load.
# The load goes on, against A alone. Prints the segment owners per instance before the kill, the
# backlog at the kill, and the time from the kill until A owns every segment and until the
# projections have passed every event stored before the kill; then stops the load and requires the
# consistency check to answer CONSISTENT with the statements acknowledged. Self-contained: a
# throw-away LEARNING_HOME under /tmp, free ports, every process it starts stopped on exit.
# Exits 1 when the projections are not current within [bound] seconds of the kill, or on any
# drift, lost or doubled statement.
# Usage: infra/faults/kill-second-instances.sh [seconds of load before the kill=20] [statements/s=200]
#        [batch=20] [clients=4] [bound=120]
# Heaps: HEAP_A (the local run, both sides of A; 1g), HEAP_B (each B process; 512m).
set -euo pipefail
cd "$(dirname "$0")/../.."
before=${1:-20}
rate=${2:-200}
batch=${3:-20}
clients=${4:-4}
bound=${5:-120}
trainees=50
heap_a=${HEAP_A:-1g}
heap_b=${HEAP_B:-512m}
for jar in infra/local-run/target/learning-local.jar command-side/target/command-side-*-exec.jar \
    query-side/target/query-side-*-exec.jar; do
  [ -f "$jar" ] || { echo "missing $jar: ./mvnw -B -q -DskipTests package first" >&2; exit 2; }
done

home=$(mktemp -d /tmp/learning-failover.XXXXXX)
secrets=$home/secrets
# run from copies, so rebuilding the project meanwhile cannot break the run
cp infra/local-run/target/learning-local.jar "$home/local.jar"
cp command-side/target/command-side-*-exec.jar "$home/command-side.jar"
cp query-side/target/query-side-*-exec.jar "$home/query-side.jar"

pids=() # every process started here, stopped on exit
a="" cb="" qb=""
cleanup() {
  touch "$home/stop"
  for pid in "${pids[@]}" $cb $qb; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -n "$a" ] && kill -0 "$a" 2>/dev/null; then
    kill -TERM "$a"   # the local run stops its services and its embedded PostgreSQL
    for _ in $(seq 300); do kill -0 "$a" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$a" 2>/dev/null || true
  fi
  if [ -f "$home/pgdata/postmaster.pid" ]; then   # left by a local run that did not stop in time
    kill -INT "$(head -1 "$home/pgdata/postmaster.pid")" 2>/dev/null || true
    sleep 2
  fi
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_ports() {
  python3 -c 'import socket
ss = [socket.socket() for _ in range(5)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))'
}
read -r db ca qa cb_port qb_port <<<"$(free_ports)"
now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
ready() { # url, seconds
  local deadline=$(( $(date +%s) + $2 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1/actuator/health/readiness")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$1 not ready after $2 s" >&2; exit 1; }
    sleep 0.5
  done
}

echo "instance A: local run (PostgreSQL on $db, command side $ca, query side $qa), -Xmx$heap_a"
LEARNING_HOME=$home LEARNING_EMBEDDED_DB_PORT=$db COMMAND_SIDE_PORT=$ca QUERY_SIDE_PORT=$qa \
  java -Xmx"$heap_a" -jar "$home/local.jar" >"$home/a.log" 2>&1 &
a=$!
ready "http://localhost:$ca" 240
ready "http://localhost:$qa" 240
export PGPASSWORD
PGPASSWORD=$(cat "$secrets/postgres-password")
sql() { psql -X -q -t -A -F ' ' -h localhost -p "$db" -U postgres learning -c "$1"; }

# the organization, its trainees and an ingestion credential, before B starts: the local mailbox
# holding the registration code is A's
cmd=http://localhost:$ca run=$(date +%s)
. infra/bench/bench-admin.sh
bench_organization "Failover Bench"
csv="name,phone,email,department"
for i in $(seq 0 $((trainees - 1))); do csv+=$'\n'"Trainee $i,,trainee-$run-$i@bench.example,Dept $((i % 4))"; done
curl -sf -X POST "$cmd/api/organizations/$org/member-imports" -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/csv' --data-binary "$csv" >/dev/null
credential=$(curl -sf -X POST "$cmd/api/organizations/$org/xapi-credentials" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"label":"failover bench","refusesUnknownActors":false}')
basic="$(json key <<<"$credential"):$(json secret <<<"$credential")"

echo "instance B: command side $cb_port, query side $qb_port, separate processes, -Xmx$heap_b each"
b_env=(LEARNING_DB_URL="postgresql://localhost:$db/learning" LEARNING_DB_USER=postgres LEARNING_DB_PASSWORD="$PGPASSWORD"
  LEARNING_SECRETS_DIR="$secrets" LEARNING_KEK_FILE="$secrets/kek/current.key")
env "${b_env[@]}" COMMAND_SIDE_PORT="$cb_port" java -Xmx"$heap_b" -jar "$home/command-side.jar" >"$home/cb.log" 2>&1 &
cb=$!
disown "$cb" # no job notice at the kill
env "${b_env[@]}" QUERY_SIDE_PORT="$qb_port" java -Xmx"$heap_b" \
  -Dlearning.auth.jwks-uri="http://localhost:$ca/.well-known/jwks.json" -jar "$home/query-side.jar" >"$home/qb.log" 2>&1 &
qb=$!
disown "$qb"
ready "http://localhost:$cb_port" 240
ready "http://localhost:$qb_port" 240

# owner -> instance label ("A command-side", "B query-side"); the owner is "pid@host/id" (SegmentBalancer)
owners="SELECT t.processor_name, t.segment, CASE split_part(i.instance_id, '@', 1) WHEN '$a' THEN 'A' ELSE 'B' END
  || ' ' || i.service AS instance FROM token_entry t LEFT JOIN processor_instance i ON i.instance_id = t.owner"
split_wait=$(( $(date +%s) + 90 ))
until [ "$(sql "SELECT count(*) FROM token_entry GROUP BY processor_name
    HAVING count(DISTINCT owner) < least(2, count(*)) OR count(owner) < count(*)" | wc -l)" = 0 ]; do
  [ "$(date +%s)" -lt "$split_wait" ] || { echo "B never got its share of the segments" >&2; sql "$owners"; exit 1; }
  sleep 0.5
done
echo "segments split (every processor with 2 or more segments has both instances of its side):"

# the load: each client sends a batch every batch*clients/rate seconds, alternately to each command
# side, each batch again until it is acknowledged (to A once B is gone); fixed statement ids, so a
# batch sent again stores nothing twice. One line per acknowledged batch: statements, learning ms.
interval=$(awk -v b="$batch" -v c="$clients" -v r="$rate" 'BEGIN { printf "%.3f", b * c / r }')
client() {
  local n=$1 port body i id seconds millis
  while [ ! -e "$home/stop" ]; do
    body="[" millis=0
    for ((i = 0; i < batch; i++)); do
      read -r id </proc/sys/kernel/random/uuid
      seconds=$((RANDOM % 599 + 1)) millis=$((millis + seconds * 1000))
      body+="{\"id\":\"$id\",\"actor\":{\"mbox\":\"mailto:trainee-$run-$((RANDOM % trainees))@bench.example\"},"
      body+="\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},\"object\":{\"id\":\"https://content.example/failover/$i\"},"
      body+="\"result\":{\"duration\":\"PT${seconds}S\"}}"
      [ $i = $((batch - 1)) ] || body+=","
    done
    body+="]"
    port=$([ $((n % 2)) = 0 ] && echo "$ca" || echo "$cb_port") n=$((n + 1))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -u "$basic" -H 'X-Experience-API-Version: 1.0.3' \
        -H 'Content-Type: application/json' -d "$body" "http://localhost:$port/xapi/statements" || true)" = 200 ]; do
      port=$ca
      sleep 0.2 # a client's pace after a refusal or a lost connection
    done
    echo "$batch $millis" >>"$home/acks"
    sleep "$interval"
  done
}
touch "$home/acks"
for c in $(seq "$clients"); do client "$c" & pids+=($!); done
sleep "$before"

sql "SELECT instance, count(*) AS segments, string_agg(processor_name || ':' || segment, ' ' ORDER BY processor_name, segment)
  FROM ($owners) o GROUP BY instance ORDER BY instance" | awk '{ printf "  %s %s: %s segments (", $1, $2, $3;
  $1 = $2 = $3 = ""; sub(/^ +/, ""); print $0 ")" }'
survivors=$(sql "SELECT string_agg(quote_literal(instance_id), ',') FROM processor_instance WHERE split_part(instance_id, '@', 1) = '$a'")
acknowledged_before=$(awk '{ s += $1 } END { print s + 0 }' "$home/acks")

killed=$(now)
kill -9 "$cb" "$qb"
cb="" qb=""
# the token's index: the global index of the last event a segment has passed (Jackson JSON)
index="coalesce(substring(convert_from(token, 'UTF8') from '\"index\":(\\d+)')::bigint, -1)"
head=$(sql "SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
echo "killed B (command side and query side) at $acknowledged_before statements acknowledged, head of the event store $head"
echo "backlog at the kill (events between a processor's slowest segment and the head; 0 not shown):"
sql "SELECT processor_name, $head - min($index) FROM token_entry GROUP BY 1 HAVING $head - min($index) > 0 ORDER BY 2 DESC" \
  | awk '{ printf "  %s %s\n", $1, $2 } END { if (!NR) print "  none" }'

owned="" projected="" all_current="" polls=0
state() {
  sql "SELECT count(*) FILTER (WHERE owner IS NULL OR owner NOT IN ($survivors)),
      count(*) FILTER (WHERE processor_name IN ('learning-report', 'learning-activity') AND $index < $head),
      count(*) FILTER (WHERE $index < $head) FROM token_entry"
}
while :; do
  read -r not_owned behind_learning behind <<<"$(state)"
  t=$(now) polls=$((polls + 1))
  [ -n "$owned" ] || [ "$not_owned" != 0 ] || owned=$((t - killed))
  [ -n "$projected" ] || [ "$behind_learning" != 0 ] || projected=$((t - killed))
  [ -n "$all_current" ] || [ "$behind" != 0 ] || all_current=$((t - killed))
  [ -z "$owned" ] || [ -z "$projected" ] || [ -z "$all_current" ] || break
  if [ $((t - killed)) -gt $((bound * 1000000000)) ]; then
    echo "FAILED: $bound s after the kill: $not_owned segments not owned by A, $behind behind the kill" >&2
    sql "$owners"
    exit 1
  fi
  sleep 0.2
done
echo "kill -> A owns every segment: $(seconds "$owned") s"
echo "kill -> learning-report and learning-activity past every event stored before the kill: $(seconds "$projected") s"
echo "kill -> every processor of both sides past it: $(seconds "$all_current") s" \
  "(the state read $polls times, every $(seconds $((all_current / polls))) s)"

touch "$home/stop"
for pid in "${pids[@]}"; do wait "$pid" || true; done
pids=()
stopped=$(now)
read -r acknowledged millis < <(awk '{ s += $1; m += $2 } END { print s + 0, m + 0 }' "$home/acks")
operator=$(curl -sf -X POST "$cmd/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"operator@localhost\",\"password\":\"$(cat "$secrets/initial-operator-password")\"}" | json accessToken)
while :; do
  check=$(curl -s --max-time 120 -H "Authorization: Bearer $operator" "http://localhost:$qa/api/operations/consistency?organization=$org" || true)
  status=$(jq -r '.status // empty' <<<"$check" 2>/dev/null || true)
  [ "$status" = CATCHING_UP ] || [ -z "$status" ] || break
  [ $(( $(now) - killed )) -lt $((bound * 1000000000)) ] || { echo "FAILED: still catching up $bound s after the kill" >&2; exit 1; }
  sleep 0.25
done
figure() { jq -r --arg p "$1" --arg t "$2" --arg w "$3" \
  '[.projections[] | select(.projection == $p) | .organizations[0].totals[$t][$w]][0] // 0' <<<"$check"; }
echo "load stopped $(seconds $((stopped - killed))) s after the kill; consistency check $status" \
  "$(seconds $(( $(now) - stopped ))) s later: $acknowledged statements acknowledged," \
  "$(figure learning-activity statements expected) in the event store, $(figure learning-activity statements actual) in learning-activity," \
  "learning time acknowledged $millis ms, report $(figure learning-report learningMillis actual) ms"
if [ "$status" != CONSISTENT ] || [ "$(figure learning-activity statements expected)" != "$acknowledged" ] \
    || [ "$(figure learning-activity statements actual)" != "$acknowledged" ] \
    || [ "$(figure learning-report learningMillis actual)" != "$millis" ]; then
  echo "FAILED: $(jq -c '.drifts' <<<"$check")" >&2
  exit 1
fi
echo "ok"
