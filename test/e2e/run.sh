#!/usr/bin/env bash
# Real-n8n end-to-end tests (npm run test:e2e).
#   bash test/e2e/run.sh            # n8n v1 and v2
#   bash test/e2e/run.sh v2         # one version (also: N8N_E2E_VERSIONS=v1,v2)
# Env: N8N_E2E_SKIP_BUILD=1 (use the existing dist/), N8N_E2E_VERBOSE=1 (every n8n command + duration),
#      N8N_E2E_KEEP=1 (keep the n8n temp folders with their logs), N8N_E2E_CACHE (install cache dir).
# The first run installs n8n into the cache: that takes several minutes (see test/e2e/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
VERSIONS=${1:-${N8N_E2E_VERSIONS:-v1,v2}}
case $VERSIONS in v1|v2) WHAT=$VERSIONS ;; *) WHAT=all ;; esac

if [ "${N8N_E2E_SKIP_BUILD:-}" != 1 ]; then
  echo "== npm run build"
  npm run build --silent
fi
echo "== n8n install ($WHAT)"
bash test/e2e/install-n8n.sh "$WHAT"
echo "== jest (n8n $VERSIONS)"
N8N_E2E_VERSIONS=$VERSIONS exec npx jest -c test/e2e/jest.e2e.config.js
