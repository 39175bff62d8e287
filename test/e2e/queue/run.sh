#!/usr/bin/env bash
# n8n queue mode end to end (npm run test:e2e:queue): main + 2 workers, Redis, PostgreSQL, for n8n v1 and v2.
#   bash test/e2e/queue/run.sh          # v1 and v2      bash test/e2e/queue/run.sh v2   # one version
# Env as test/e2e/run.sh (N8N_E2E_SKIP_BUILD=1, N8N_E2E_VERBOSE=1, N8N_E2E_KEEP=1, N8N_E2E_CACHE).
# PostgreSQL and Redis come from Debian's packages: installed here when missing (root or sudo), then run by
# the tests as child processes on 127.0.0.1 with temp data folders (test/e2e/lib/services.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
VERSIONS=${1:-${N8N_E2E_VERSIONS:-v1,v2}}
case $VERSIONS in v1|v2) WHAT=$VERSIONS ;; *) WHAT=all ;; esac

missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null || missing+=(postgresql)
command -v redis-server > /dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "${N8N_E2E_SKIP_BUILD:-}" != 1 ]; then
  echo "== npm run build"
  npm run build --silent
fi
echo "== n8n install ($WHAT)"
bash test/e2e/install-n8n.sh "$WHAT"
echo "== jest queue mode (n8n $VERSIONS)"
N8N_E2E_VERSIONS=$VERSIONS exec npx jest -c test/e2e/queue/jest.config.js
