# Sourced by the self-contained benchmark scripts: builds the jars when missing, then runs from copies
# of them, so that rebuilding the project meanwhile cannot change or break a running benchmark.
# LEARNING_LOCAL_JAR and QUERY_SIDE_JAR, when set, name the services' jars to measure instead of the
# built ones (e.g. an earlier build, for before and after).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
for given in "${LEARNING_LOCAL_JAR:-}" "${QUERY_SIDE_JAR:-}"; do
  [ -z "$given" ] || [ -f "$given" ] || { echo "no such jar: $given" >&2; exit 2; }
done
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
echo "measuring $local_jar (sha256 $(sha256sum "$local_jar" | cut -c1-12)) and $query_jar (sha256 $(sha256sum "$query_jar" | cut -c1-12))"
bench_jar=$jars/benchmarks.jar
export LEARNING_LOCAL_JAR=$jars/learning-local.jar QUERY_SIDE_JAR=$jars/query-side-exec.jar
