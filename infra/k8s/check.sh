#!/usr/bin/env bash
# Renders every overlay with `kubectl kustomize` and validates each rendered object against the
# Kubernetes API schemas (validate/validate.mjs, with kubernetes-models from npm). Runs in CI
# (.ci/run) in a few seconds; needs kubectl (with its built-in Kustomize) and Node.js with npm.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v kubectl >/dev/null 2>&1; then
  echo "infra/k8s: SKIPPED, kubectl is not installed: the manifests were neither rendered nor validated" >&2
  exit 0
fi
(cd validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
for overlay in overlays/*/; do
  echo "infra/k8s: ${overlay%/}"
  kubectl kustomize "$overlay" | node validate/validate.mjs
done
