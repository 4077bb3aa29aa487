# Sourced by the self-contained benchmark scripts: builds the jars when missing, then runs from copies
# of them, so that rebuilding the project meanwhile cannot change or break a running benchmark.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
query_jar=$(ls query-side/target/query-side-*-exec.jar 2>/dev/null | head -1 || true)
if [ ! -f infra/benchmarks/target/learning-benchmarks.jar ] || [ ! -f infra/local-run/target/learning-local.jar ] \
    || [ -z "$query_jar" ]; then
  ./mvnw -B -q -o -DskipTests package -pl infra/benchmarks,query-side -am
  query_jar=$(ls query-side/target/query-side-*-exec.jar | head -1)
fi
jars=$(mktemp -d)
trap 'rm -rf "$jars"' EXIT
cp infra/benchmarks/target/learning-benchmarks.jar "$jars/benchmarks.jar"
cp infra/local-run/target/learning-local.jar "$jars/learning-local.jar"
cp "$query_jar" "$jars/query-side-exec.jar"
bench_jar=$jars/benchmarks.jar
export LEARNING_LOCAL_JAR=$jars/learning-local.jar QUERY_SIDE_JAR=$jars/query-side-exec.jar
