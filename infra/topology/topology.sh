#!/usr/bin/env bash
# A production-shaped topology on one machine, every part a process of its own on loopback ports:
# PostgreSQL from Debian's packages (a throw-away cluster made with initdb, run by pg_ctl), two
# command-side and two query-side instances (learning-local.jar with LEARNING_RUN=command-side or
# query-side, on that database), and HAProxy in front of them (haproxy.cfg beside this script),
# routing each request to the side that serves it. Clients use the proxy's port only.
#
# Usage: infra/topology/topology.sh start DIR   starts everything; returns once every instance is
#                                                ready, having written DIR/topology.env (ports, the
#                                                database password) and DIR/<instance>.pid
#        infra/topology/topology.sh stop DIR    stops every process start started (the services with
#                                                SIGTERM, then the proxy, then PostgreSQL); keeps DIR
#        infra/topology/topology.sh stop-services DIR, start-services DIR
#                                                stop or start the four services alone (same ports),
#                                                e.g. around a restore of the database
#
# DIR holds everything: pgdata/, secrets/ (the KEK, HMAC and signing keys every instance of a side
# shares), each process's log (*.log) and pid (*.pid). Nothing outside it is touched.
# Needs: PostgreSQL's server binaries (PG_BIN, default the newest /usr/lib/postgresql/*/bin),
# haproxy, curl, python3 and the built jar (LEARNING_JAR, default
# infra/local-run/target/learning-local.jar; ./mvnw -B -q -DskipTests package). As root, PostgreSQL
# runs as the user postgres (initdb refuses root).
# Settings: LEARNING_OPERATOR_EMAIL, LEARNING_OPERATOR_PASSWORD (the first operator; default
# operator@topology.local and a generated password, kept in DIR/secrets/operator-password),
# HEAP (each service's -Xmx, 384m), JAVA (java), JAVA_OPTS (more options for each service's JVM,
# none), START_TIMEOUT (seconds for the whole start, 300).
# Exit codes: 0 started or stopped, 1 a part failed to start (its log's end is printed, and
# everything started is stopped), 2 usage or something missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
usage() { sed -n '/^# Usage/,/^# DIR/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# = 2 ] || usage
action=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)

as_postgres() { # PostgreSQL's binaries refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] || { echo "PostgreSQL's server binaries not found: apt-get install postgresql, or set PG_BIN" >&2; exit 2; }
  echo "$newest"
}

stop_services() {
  local pid name
  for name in command-side-1 command-side-2 query-side-1 query-side-2; do
    [ -f "$dir/$name.pid" ] && kill -TERM "$(cat "$dir/$name.pid")" 2>/dev/null || true
  done
  for name in command-side-1 command-side-2 query-side-1 query-side-2; do
    [ -f "$dir/$name.pid" ] || continue
    pid=$(cat "$dir/$name.pid")
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
}
stop() {
  stop_services
  if [ -f "$dir/haproxy.pid" ]; then
    kill -TERM "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    rm -f "$dir/haproxy.pid"
  fi
  if [ -f "$dir/pgdata/postmaster.pid" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$dir/pgdata" -m fast -w -t 60 stop >/dev/null || true
  fi
}

service() { # name, side, port
  (
    cd "$dir"
    # only the settings given here: none of the caller's LEARNING_ or port variables
    for v in $(env | sed -n 's/^\(LEARNING_[A-Z0-9_]*\|[A-Z_]*_SIDE_PORT\)=.*/\1/p'); do unset "$v"; done
    export LEARNING_RUN=$2 LEARNING_HOME=$dir/home-$1 LEARNING_SECRETS_DIR=$dir/secrets \
      LEARNING_KEK_FILE=$dir/secrets/kek/current.key LEARNING_DB_URL=postgresql://127.0.0.1:$DB_PORT/learning \
      LEARNING_DB_USER=$DB_USER LEARNING_DB_PASSWORD=$DB_PASSWORD \
      LEARNING_OPERATOR_EMAIL=$OPERATOR_EMAIL LEARNING_OPERATOR_PASSWORD="$(cat "$dir/secrets/operator-password")" \
      COMMAND_SIDE_PORT=$3 QUERY_SIDE_PORT=$3
    # shellcheck disable=SC2086 # JAVA_OPTS holds options, one word each
    exec setsid "${JAVA:-java}" -Xmx"${HEAP:-384m}" ${JAVA_OPTS:-} -Dlearning.auth.jwks-uri="http://127.0.0.1:$PROXY_PORT/.well-known/jwks.json" \
      -jar "$dir/learning-local.jar" >>"$dir/$1.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/$1.pid"
}
ready() { # name, port
  local pid
  pid=$(cat "$dir/$1.pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$2/actuator/health/readiness")" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$1 stopped while starting; the end of $dir/$1.log:" >&2
      tail -30 "$dir/$1.log" >&2
      exit 1
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$1 not ready within ${START_TIMEOUT:-300} s; see $dir/$1.log" >&2; exit 1; }
    sleep 0.5
  done
}
# the first instance of each side creates the side's own keys in secrets/ and migrates the schema;
# the second starts once they exist. Pids in DIR/<name>.pid.
start_services() {
  # shellcheck disable=SC1091
  . "$dir/topology.env"
  service command-side-1 command-side "$COMMAND_SIDE_1_PORT"
  service query-side-1 query-side "$QUERY_SIDE_1_PORT"
  ready command-side-1 "$COMMAND_SIDE_1_PORT"
  ready query-side-1 "$QUERY_SIDE_1_PORT"
  service command-side-2 command-side "$COMMAND_SIDE_2_PORT"
  service query-side-2 query-side "$QUERY_SIDE_2_PORT"
  ready command-side-2 "$COMMAND_SIDE_2_PORT"
  ready query-side-2 "$QUERY_SIDE_2_PORT"
}

deadline=$(( $(date +%s) + ${START_TIMEOUT:-300} ))
case "$action" in
  stop) stop; exit 0 ;;
  stop-services) stop_services; exit 0 ;;
  start-services)
    [ -f "$dir/topology.env" ] || { echo "$dir holds no topology: start one first" >&2; exit 2; }
    trap 'status=$?; if [ $status != 0 ]; then stop_services; fi' EXIT
    start_services
    echo "services started again on the same ports"
    exit 0 ;;
  start) ;;
  *) usage ;;
esac

jar=${LEARNING_JAR:-$root/infra/local-run/target/learning-local.jar}
[ -f "$jar" ] || { echo "missing $jar: ./mvnw -B -q -DskipTests package first" >&2; exit 2; }
command -v haproxy >/dev/null || { echo "haproxy not found: apt-get install haproxy" >&2; exit 2; }
bin=$(pg_bin)
[ ! -e "$dir/topology.env" ] || { echo "$dir already holds a topology: stop it and use another directory" >&2; exit 2; }
trap 'status=$?; if [ $status != 0 ]; then stop; fi' EXIT

read -r db proxy stats c1 c2 q1 q2 <<<"$(python3 -c 'import socket
ss = [socket.socket() for _ in range(7)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')"
secret() { head -c "$1" /dev/urandom | base64 | tr -d '\n/+=' ; }

# secrets: the ones every instance of a side must share are made here, before any instance starts
chmod 711 "$dir"
mkdir -p -m 700 "$dir/secrets" "$dir/secrets/kek"
head -c 32 /dev/urandom | base64 >"$dir/secrets/kek/current.key"
chmod 600 "$dir/secrets/kek/current.key"
db_password=$(secret 24)
operator_email=${LEARNING_OPERATOR_EMAIL:-operator@topology.local}
operator_password=${LEARNING_OPERATOR_PASSWORD:-$(secret 24)}
(umask 077; echo "$operator_password" >"$dir/secrets/operator-password")

# PostgreSQL: durable (fsync on), WAL segments removed rather than recycled (compaction after
# erasure), password authentication on loopback only, no Unix socket
mkdir -p "$dir/pgdata"
superuser_password=$(secret 24)
(umask 077; echo "$superuser_password" >"$dir/pgdata.pw")
if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pgdata" "$dir/pgdata.pw"; fi
as_postgres "$bin/initdb" -D "$dir/pgdata" -U postgres --pwfile="$dir/pgdata.pw" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { tail -20 "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pgdata.pw"
cat >>"$dir/pgdata/postgresql.conf" <<EOF
port = $db
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
fsync = on
synchronous_commit = on
wal_recycle = off
EOF
touch "$dir/postgres.log"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir/postgres.log"; fi
as_postgres "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 60 start >/dev/null \
  || { tail -20 "$dir/postgres.log" >&2; exit 1; }
# the services' user owns its database (compaction's VACUUM FULL) and may close WAL segments and checkpoint
PGPASSWORD=$superuser_password "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$db" -U postgres postgres <<EOF
CREATE ROLE learning LOGIN PASSWORD '$db_password';
CREATE DATABASE learning OWNER learning;
GRANT pg_checkpoint TO learning;
GRANT EXECUTE ON FUNCTION pg_switch_wal() TO learning;
EOF
echo "$superuser_password" >"$dir/secrets/postgres-password"
chmod 600 "$dir/secrets/postgres-password"

# HAProxy first: the query sides fetch the token-signing keys through it
export LEARNING_PROXY_BIND=127.0.0.1:$proxy LEARNING_PROXY_STATS_BIND=127.0.0.1:$stats \
  LEARNING_COMMAND_SIDE_1=127.0.0.1:$c1 LEARNING_COMMAND_SIDE_2=127.0.0.1:$c2 \
  LEARNING_QUERY_SIDE_1=127.0.0.1:$q1 LEARNING_QUERY_SIDE_2=127.0.0.1:$q2
haproxy -D -f "$here/haproxy.cfg" -p "$dir/haproxy.pid" >"$dir/haproxy.log" 2>&1 \
  || { cat "$dir/haproxy.log" >&2; exit 1; }

# the services run from a copy of the jar, so rebuilding the project meanwhile cannot break them
cp "$jar" "$dir/learning-local.jar"
cat >"$dir/topology.env" <<EOF
PROXY_PORT=$proxy
STATS_PORT=$stats
DB_PORT=$db
DB_USER=learning
DB_PASSWORD=$db_password
PG_BIN=$bin
COMMAND_SIDE_1_PORT=$c1
COMMAND_SIDE_2_PORT=$c2
QUERY_SIDE_1_PORT=$q1
QUERY_SIDE_2_PORT=$q2
OPERATOR_EMAIL=$operator_email
EOF
chmod 600 "$dir/topology.env"
start_services
echo "topology ready: http://127.0.0.1:$proxy (HAProxy; statistics on http://127.0.0.1:$stats/stats)"
echo "  command sides on $c1 and $c2, query sides on $q1 and $q2, PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $db"
echo "  operator $operator_email, password in $dir/secrets/operator-password; stop: $0 stop $dir"
