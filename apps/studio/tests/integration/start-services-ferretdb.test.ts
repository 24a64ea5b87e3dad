import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { MongoClient } from 'mongodb'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { POSTGRES_ADMIN_URL, REDIS_URL } from '../helpers/services'
import { freePort } from '../setup/studio-process'

// scripts/test calls start-services.sh before anything else. This runs that same script with FerretDB
// "not running" — a spare port, an empty binary folder (so the Go build really runs) and its own
// backing database — and never touches the shared FerretDB on 27017.
const repoRoot = path.resolve(__dirname, '../../../..')
const startServices = path.join(repoRoot, 'scripts/lib/start-services.sh')
const installFerretdb = path.join(repoRoot, 'scripts/lib/install-ferretdb.sh')
// A cold Go build of FerretDB takes minutes on a busy 2-core machine; a warm one seconds.
const BUILD_TIMEOUT_MS = 15 * 60_000

let port: number
let binDir: string
let stateDir: string
const database = `mbtest_ferretdb_${randomUUID().replace(/-/g, '').slice(0, 10)}`

function scriptEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Postgres and Redis are the shared ones: naming their URLs tells the script to leave them alone.
    DATABASE_URL: POSTGRES_ADMIN_URL,
    REDIS_URL,
    FERRETDB_PORT: String(port),
    FERRETDB_DATABASE: database,
    FERRETDB_BIN_DIR: binDir,
    FERRETDB_RUN_DIR: stateDir,
    // Build from the local module cache only: a test never reaches past loopback.
    GOPROXY: 'off',
  }
  delete env.MONGODB_URL
  return env
}

function run(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [script], { env: scriptEnv(), timeout: BUILD_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

function portOpen(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

beforeAll(async () => {
  port = await freePort()
  binDir = mkdtempSync(path.join(tmpdir(), 'mbtest-ferretdb-bin-'))
  stateDir = mkdtempSync(path.join(tmpdir(), 'mbtest-ferretdb-state-'))
})

afterAll(async () => {
  const pidFile = path.join(stateDir, 'ferretdb.pid')
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    try {
      process.kill(pid, 'SIGTERM')
      for (let attempt = 0; attempt < 100 && (await portOpen()); attempt++) await new Promise((r) => setTimeout(r, 100))
    } catch {
      // already gone
    }
  }
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await admin.end()
  rmSync(binDir, { recursive: true, force: true })
  rmSync(stateDir, { recursive: true, force: true })
})

describe('scripts/lib/start-services.sh with FerretDB not running', () => {
  it(
    'builds FerretDB into an empty folder, starts it, and a MongoDB driver can ping it',
    async () => {
      expect(await portOpen()).toBe(false)
      const started = await run(startServices)
      expect(started.code, started.stderr).toBe(0)
      expect(started.stdout).toContain(`starting FerretDB on 127.0.0.1:${port}`)
      expect(started.stdout).toContain(`FerretDB v1.24.2 installed in ${binDir}`)
      expect(existsSync(path.join(binDir, 'ferretdb'))).toBe(true)

      const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, { directConnection: true, serverSelectionTimeoutMS: 10_000 })
      try {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 })
      } finally {
        await client.close()
      }

      // Running again finds it up and leaves it alone.
      const again = await run(startServices)
      expect(again.code).toBe(0)
      expect(again.stdout).not.toContain('starting FerretDB')
    },
    BUILD_TIMEOUT_MS
  )

  it('the installed-version check never dies of SIGPIPE (20 runs, all exit 0)', async () => {
    const codes: number[] = []
    for (let round = 0; round < 20; round++) codes.push((await run(installFerretdb)).code)
    expect(codes).toEqual(new Array(20).fill(0))
  })
})
