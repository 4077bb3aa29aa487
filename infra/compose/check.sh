#!/usr/bin/env bash
# Validates compose.yaml against the Compose schema (`docker compose config`, or Debian's
# docker-compose), without a Docker daemon. Runs in CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"
if docker compose version >/dev/null 2>&1; then
  docker compose -f compose.yaml config -q
elif command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f compose.yaml config -q
else
  echo "infra/compose: SKIPPED, neither docker compose nor docker-compose is installed: compose.yaml was not validated" >&2
  exit 0
fi
echo "infra/compose: compose.yaml is valid"
