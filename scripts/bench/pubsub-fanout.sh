#!/usr/bin/env bash
# Runs scripts/bench/pubsub-fanout.ts with the Studio's dependencies (they live in apps/studio).
set -euo pipefail
studio="$(cd "$(dirname "$0")/../../apps/studio" && pwd)"
cd "$studio"
NODE_PATH="$studio/node_modules" exec node --import tsx ../../scripts/bench/pubsub-fanout.ts "$@"
