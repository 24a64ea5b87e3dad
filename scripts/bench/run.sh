#!/usr/bin/env bash
# Runs one benchmark from apps/studio with its dependencies resolvable (scripts/ has no node_modules).
# Usage: scripts/bench/run.sh redis-keys-page   (after `pnpm exec next build` in apps/studio)
set -euo pipefail
studio="$(cd "$(dirname "$0")/../../apps/studio" && pwd)"
cd "$studio"
NODE_PATH="$studio/node_modules" exec node --import tsx "../../scripts/bench/$1.ts"
