# Sourced by the self-contained benchmark scripts: builds the jars when missing, then runs from copies
# of them, so that rebuilding the project meanwhile cannot change or break a running benchmark.
# LEARNING_LOCAL_JAR and QUERY_SIDE_JAR, when set, name the services' jars to measure instead of the
# built ones (e.g. an earlier build, for before and after).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
local_jar=${LEARNING_LOCAL_JAR:-infra/local-run/target/learning-local.jar}
query_jar=${QUERY_SIDE_JAR:-$(ls query-side/target/query-side-*-exec.jar 2>/dev/null | head -1 || true)}
if [ ! -f infra/benchmarks/target/learning-benchmarks.jar ] || [ ! -f "$local_jar" ] || [ ! -f "$query_jar" ]; then
  ./mvnw -B -q -o -DskipTests package -pl infra/benchmarks,query-side -am
  query_jar=${QUERY_SIDE_JAR:-$(ls query-side/target/query-side-*-exec.jar | head -1)}
fi
jars=$(mktemp -d)
trap 'rm -rf "$jars"' EXIT
cp infra/benchmarks/target/learning-benchmarks.jar "$jars/benchmarks.jar"
cp "$local_jar" "$jars/learning-local.jar"
cp "$query_jar" "$jars/query-side-exec.jar"
echo "measuring $local_jar ($(date -r "$local_jar" -u +%FT%TZ)) and $query_jar ($(date -r "$query_jar" -u +%FT%TZ))"
bench_jar=$jars/benchmarks.jar
export LEARNING_LOCAL_JAR=$jars/learning-local.jar QUERY_SIDE_JAR=$jars/query-side-exec.jar
