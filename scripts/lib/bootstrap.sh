#!/usr/bin/env bash
# Shared first steps of scripts/start and scripts/test: pnpm (pinned by package.json) and the
# workspace's dependencies from the lockfile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
if ! command -v pnpm >/dev/null 2>&1; then
  echo "installing pnpm"
  npm install -g pnpm@10 >/dev/null
fi
cd "$root"
pnpm install --frozen-lockfile --prefer-offline
