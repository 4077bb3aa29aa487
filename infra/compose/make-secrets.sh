#!/usr/bin/env bash
# Makes the secrets compose.yaml mounts, once, in infra/compose/secrets (git-ignored): the database
# password and the KEK with openssl, each side's keys with its own jar's generate-secrets (after
# ./mvnw -B -q -DskipTests package). A file that exists is kept: run it again safely, and never
# delete what it made while the database holds data (docs/operations.md, Secrets).
set -euo pipefail
cd "$(dirname "$0")"
root=../..
version=${VERSION:-0.1.0-SNAPSHOT}
mkdir -p secrets/command-side secrets/query-side
chmod 700 secrets
[ -s secrets/db-password ] || openssl rand -hex 24 > secrets/db-password
[ -s secrets/current.key ] || openssl rand -base64 32 > secrets/current.key
java -jar "$root/command-side/target/command-side-$version-exec.jar" generate-secrets secrets/command-side
java -jar "$root/query-side/target/query-side-$version-exec.jar" generate-secrets secrets/query-side
# the containers' users (postgres, 10001) read them through bind mounts; the directory above keeps
# everyone else on this host out
find secrets -type f -exec chmod 644 {} +
find secrets -mindepth 1 -type d -exec chmod 755 {} +
