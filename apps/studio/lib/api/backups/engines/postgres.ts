import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { Readable } from 'node:stream'

import { resolveConnectionConfig, withDatabaseClient } from '../../database/helpers'
import type { PostgresConfig } from '../../database/types'
import type { ProjectRef } from '../../platform/connections'
import { getDatabaseConnection } from '../../platform/connections'
import { toolEnv, assertToolSupports, collectStderr, exactSchemaPattern, exactTablePattern, pgChildEnv, waitForTool } from './pg-tools'
import { planBuilder, type BackupRun, type EngineProgress, type RestorePlan } from './types'

export interface PostgresBackupScope {
  kind: 'full' | 'schema' | 'data'
  schemas?: string[]
  tables?: string[]
}

export interface PostgresRestoreOptions {
  mode: 'full' | 'schema' | 'data'
  tables?: string[]
  clean: boolean
}

async function serverVersion(project: ProjectRef, connectionId: string): Promise<{ num: number; text: string }> {
  return withDatabaseClient(project, 'postgres', connectionId, async (client) => {
    const { rows } = await client.native.query<{ num: string; text: string }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`
    )
    return { num: Number(rows[0].num), text: rows[0].text }
  })
}

async function configFor(project: ProjectRef, connectionId: string): Promise<PostgresConfig> {
  const row = await getDatabaseConnection(project, 'postgres', connectionId)
  return (await resolveConnectionConfig(project, row)) as PostgresConfig
}

/**
 * pg_dump in its custom format (compressed by pg_dump itself) to a stream. `-v` names each table as
 * its data is dumped, which is the progress the job reports.
 */
export async function startPostgresBackup(
  project: ProjectRef,
  connectionId: string,
  scope: PostgresBackupScope,
  onProgress: (progress: EngineProgress) => void
): Promise<BackupRun> {
  const version = await serverVersion(project, connectionId)
  await assertToolSupports('pg_dump', version.num)
  const config = await configFor(project, connectionId)
  const args = ['--format=custom', '--verbose', '--no-password']
  if (scope.kind === 'schema') args.push('--schema-only')
  if (scope.kind === 'data') args.push('--data-only')
  for (const schema of scope.schemas ?? []) args.push(`--schema=${exactSchemaPattern(schema)}`)
  for (const table of scope.tables ?? []) args.push(`--table=${exactTablePattern(table)}`)
  const child = spawn('pg_dump', args, { env: pgChildEnv(config), stdio: ['ignore', 'pipe', 'pipe'] })
  let done = 0
  const tail = collectStderr(child, (line) => {
    const table = /dumping contents of table "([^"]+)"/.exec(line)
    if (table) onProgress({ current: table[1], done: done++, total: null })
  })
  const finished = waitForTool(child, 'pg_dump', tail, config.password)
  // The exit is awaited by the job; an early rejection must not surface as an unhandled one.
  finished.catch(() => undefined)
  return { stream: child.stdout, finished, engineVersion: version.text, abort: () => child.kill('SIGTERM') }
}

/** The TOC of a custom-format archive (`pg_restore -l`), read from a stream. */
async function archiveTables(archive: Readable): Promise<string[]> {
  const child = spawn('pg_restore', ['--list'], { stdio: ['pipe', 'pipe', 'pipe'], env: toolEnv() })
  archive.pipe(child.stdin)
  child.stdin.on('error', () => undefined)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const tail = collectStderr(child, () => undefined)
  await waitForTool(child, 'pg_restore', tail, undefined)
  const tables = new Set<string>()
  for (const line of out.split('\n')) {
    // "215; 1259 16390 TABLE public t postgres", and "3390; 0 16390 TABLE DATA public t postgres" (a data-only archive has only these)
    const match = /^\d+; \d+ \d+ TABLE (?:DATA )?(\S+) (\S+) /.exec(line)
    if (match) tables.add(`${match[1]}.${match[2]}`)
  }
  return [...tables]
}

function selectedTables(all: string[], chosen: string[] | undefined): string[] {
  if (!chosen?.length) return all
  return all.filter((table) => chosen.some((name) => name === table || (!name.includes('.') && table.endsWith(`.${name}`))))
}

/** Dry run: tables the archive would create in the target, and those that already exist there. */
export async function planPostgresRestore(
  project: ProjectRef,
  connectionId: string,
  archive: Readable,
  options: PostgresRestoreOptions
): Promise<RestorePlan> {
  const tables = selectedTables(await archiveTables(archive), options.tables)
  const existing = await withDatabaseClient(project, 'postgres', connectionId, async (client) => {
    const { rows } = await client.native.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname || '.' || c.relname = ANY($1::text[])`,
      [tables]
    )
    return new Set(rows.map((row) => row.name))
  })
  const builder = planBuilder()
  for (const table of tables) {
    // Data goes into existing tables (appended); with clean they are dropped and recreated first.
    if (!existing.has(table)) builder.add(options.mode === 'data' ? 'keep' : 'create', table)
    else builder.add(options.clean || options.mode !== 'schema' ? 'overwrite' : 'keep', table)
  }
  return builder.plan
}

/**
 * pg_restore from a stream into the target connection's database: all, schema only, data only or the
 * chosen tables; `--clean --if-exists` only when asked; stops at the first error.
 */
export async function runPostgresRestore(
  project: ProjectRef,
  connectionId: string,
  archive: Readable,
  options: PostgresRestoreOptions,
  onProgress: (progress: EngineProgress) => void
): Promise<void> {
  const version = await serverVersion(project, connectionId)
  await assertToolSupports('pg_restore', version.num)
  const config = await configFor(project, connectionId)
  const args = ['--verbose', '--no-password', '--exit-on-error', `--dbname=${config.options.database ?? 'postgres'}`]
  if (options.mode === 'schema') args.push('--schema-only')
  if (options.mode === 'data') args.push('--data-only')
  if (options.clean) args.push('--clean', '--if-exists')
  for (const table of options.tables ?? []) {
    const dot = table.indexOf('.')
    // pg_restore's -t takes a bare name (no quoting, no patterns); -n narrows it to the schema.
    if (dot === -1) args.push(`--table=${table}`)
    else args.push(`--schema=${table.slice(0, dot)}`, `--table=${table.slice(dot + 1)}`)
  }
  const child = spawn('pg_restore', args, { env: pgChildEnv(config), stdio: ['pipe', 'ignore', 'pipe'] })
  let done = 0
  const tail = collectStderr(child, (line) => {
    const table = /processing data for table "([^"]+)"/.exec(line) ?? /creating TABLE "([^"]+)"/.exec(line)
    if (table) onProgress({ current: table[1], done: done++, total: null })
  })
  child.stdin.on('error', () => undefined)
  archive.pipe(child.stdin)
  archive.on('error', () => child.kill('SIGTERM'))
  await Promise.all([waitForTool(child, 'pg_restore', tail, config.password), once(archive, 'end').catch(() => undefined)])
}
