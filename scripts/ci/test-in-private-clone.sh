#!/usr/bin/env bash
# Runs the test suite the way a newcomer meets Vigil: from a fresh clone in a folder closed
# to other users (mode 0700, like a home folder or /root), once on this machine's Node and
# once more on Node 22 LTS from the npm registry. Run as root, this proves that PostgreSQL
# (which then runs as the `postgres` user) starts without Vigil opening any folder.
#
# Usage: scripts/ci/test-in-private-clone.sh [checkout]   (default: the checkout it is in)
# VIGIL_CI_NODE22_PROJECTS: vitest projects for the Node 22 pass, e.g. "unit integration";
# empty (the default) runs the whole suite again.
set -euo pipefail

checkout="$(cd "${1:-$(dirname "$0")/../..}" && pwd)"
private="$(mktemp -d "${TMPDIR:-/tmp}/vigil-ci-XXXXXX")"
clone="$private/vigil"
cleanup() {
  # The suite removes the PostgreSQL data it created; the clone goes with the folder.
  rm -rf "$private"
}
trap cleanup EXIT

mode="$(stat -c %a "$private" 2>/dev/null || stat -f %Lp "$private")"
[ "$mode" = 700 ] || { echo "ci: expected a 0700 folder, $private is $mode" >&2; exit 1; }
echo "ci: cloning $checkout into $clone (folder mode $mode, user $(id -un))"
git -c safe.directory="$checkout" clone --quiet --no-hardlinks "$checkout" "$clone"
cd "$clone"

export NEXT_TELEMETRY_DISABLED=1
echo "ci: pass 1 on Node $(node --version)"
npm ci --no-audit --no-fund
start=$(date +%s)
npm test
echo "ci: pass 1 took $(( $(date +%s) - start )) s"

# Fetched from outside the clone, so the clone's install-script policy does not apply to
# the `node` package (its install script puts the binary in place).
node22="$(cd "$private" && npx --yes node@22 -p process.execPath)"
echo "ci: pass 2 on Node $("$node22" --version) ($node22)"
start=$(date +%s)
# First on PATH, so every `#!/usr/bin/env node` (npm, tsx, next, the test children) is Node 22.
if [ -n "${VIGIL_CI_NODE22_PROJECTS:-}" ]; then
  projects=()
  for project in $VIGIL_CI_NODE22_PROJECTS; do projects+=(--project "$project"); done
  PATH="$(dirname "$node22"):$PATH" npx vitest run "${projects[@]}"
else
  PATH="$(dirname "$node22"):$PATH" npm test
fi
echo "ci: pass 2 took $(( $(date +%s) - start )) s"
