#!/usr/bin/env bash
# The test suite's own time against an earlier commit's, back to back on this machine, each run in a
# fresh clone with the README's test command (`./mvnw -B verify`, MAVEN_OPTS=-Xmx1g as .ci/run sets):
#
#   infra/bench/suite-time.sh [BASELINE] [SAME_TESTS_AT] [full]
#
# 1. BASELINE (default 6569668, the suite before its restructuring: 381 tests) runs its whole suite.
# 2. HEAD runs the same tests: the test classes that SAME_TESTS_AT (default c3a0072, where the
#    restructuring ended: the baseline's classes plus the ones it added) holds, in their form at
#    HEAD. Classes added since for new features (the console's browser tests, the topology, the
#    LRS, ...) are left out, so that both runs test the same things.
# 3. With "full", HEAD also runs its whole suite.
#
# Prints each run's wall time, CPU (user + sys of Maven and the JVMs and processes it waits for;
# the detached PostgreSQL servers are not in it), and the number of tests the reports count, then
# the ratio of run 2's time to run 1's. Each clone first builds once without tests and is cleaned,
# so that downloads are not timed. Needs what .ci/run installs (Chromium, PostgreSQL, HAProxy, ...).
# Nothing else should run meanwhile: no build, test run or benchmark (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
baseline=${1:-6569668}
same_at=${2:-c3a0072}
full=${3:-}
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx1g"

classes() { # the test classes a commit holds, by suffix (Test: surefire, IT: failsafe), comma-separated
  git -C "$repo" ls-tree -r --name-only "$1" | grep -E "/src/test/java/.*$2\.java$" \
    | sed 's|.*/||; s|\.java$||' | sort -u | paste -sd, -
}

prepare() { # clone, build once untimed (downloads), clean
  git clone -q "$repo" "$work/$1"
  git -C "$work/$1" checkout -q "$2"
  (cd "$work/$1" && ./mvnw -B -q -DskipTests verify > "$work/$1.prepare.log" 2>&1 && ./mvnw -B -q clean > /dev/null 2>&1)
}

count_tests() { # tests and skipped in every report of a clone
  find "$work/$1" -path '*/target/*-reports/TEST-*.xml' -print0 | xargs -0 cat \
    | grep -o '<testsuite [^>]*>' | awk '{ match($0, / tests="[0-9]+"/); t += substr($0, RSTART + 8, RLENGTH - 9);
        match($0, / skipped="[0-9]+"/); s += substr($0, RSTART + 10, RLENGTH - 11) } END { print t " (" s " skipped)" }'
}

declare -A wall
run() { # name, then Maven's arguments after verify
  local name=$1; shift
  local start end times
  start=$(date +%s)
  times=$( { TIMEFORMAT='%U %S'; time (cd "$work/$name" && ./mvnw -B verify "$@" > "$work/$name.log" 2>&1); } 2>&1 ) \
    || { trap - EXIT; echo "$name: the build failed; its log's end (the clone and its reports stay in $work/$name):"
         tail -40 "$work/$name.log"; exit 1; }
  end=$(date +%s)
  wall[$name]=$((end - start))
  printf '%-10s %-9s %4d:%02d min   CPU %s s user, %s s sys   tests %s\n' "$name" \
    "$(git -C "$work/$name" rev-parse --short HEAD)" $((wall[$name] / 60)) $((wall[$name] % 60)) \
    ${times% *} ${times#* } "$(count_tests "$name")"
}

head=$(git rev-parse HEAD)
prepare baseline "$baseline"
prepare same "$head"
[ -z "$full" ] || prepare full "$head"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run baseline
run same -Dtest="$(classes "$same_at" Test)" -Dit.test="$(classes "$same_at" IT)" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.failIfNoSpecifiedTests=false
[ -z "$full" ] || run full
echo "same tests at HEAD / baseline: $(awk -v a="${wall[same]}" -v b="${wall[baseline]}" 'BEGIN { printf "%.2f", a / b }')"
