import path from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { lib: path.resolve(__dirname, 'lib') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    // Files share real servers (Redis keyspace, FerretDB, Postgres); one file at a time keeps their
    // fixtures from disturbing each other's counts and timings on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
})
