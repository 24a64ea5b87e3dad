import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

import { QueryError, ValidationError } from '../../database/errors'
import { redactSecrets } from '../../database/redact'
import type { PostgresConfig } from '../../database/types'

/**
 * The environment of a pg_dump/pg_restore child: the password goes in PGPASSWORD (never argv, which
 * any local user can read), the host is the address the host guard checked, not the name as typed.
 */
export function pgChildEnv(config: PostgresConfig): NodeJS.ProcessEnv {
  const tls = config.options.tls
  return {
    ...toolEnv(),
    PGHOST: config.address,
    PGPORT: String(config.port),
    PGUSER: config.username ?? 'postgres',
    PGDATABASE: config.options.database ?? 'postgres',
    PGCONNECT_TIMEOUT: String(Math.max(1, Math.ceil(config.connectTimeoutMs / 1000))),
    PGSSLMODE: tls?.enabled ? (tls.rejectUnauthorized ? 'verify-full' : 'require') : 'disable',
    ...(tls?.enabled ? { PGSSLSNI: '1' } : {}),
    ...(config.password ? { PGPASSWORD: config.password } : {}),
    PGAPPNAME: 'multibase-studio-backup',
  }
}

/** A Postgres tool's base environment: nothing of the Studio's own (its secrets stay in this process). */
export const toolEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, NODE_ENV: process.env.NODE_ENV })

/** `schema.table` (or `table`) as a pg_dump/pg_restore pattern that matches exactly that name. */
export function exactTablePattern(name: string): string {
  const dot = name.indexOf('.')
  const quote = (part: string) => `"${part.replace(/"/g, '""')}"`
  return dot === -1 ? quote(name) : `${quote(name.slice(0, dot))}.${quote(name.slice(dot + 1))}`
}

export const exactSchemaPattern = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The major version of a Postgres client tool, from `pg_dump --version`. */
export async function toolMajorVersion(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  const child = spawn(tool, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  await once(child, 'close')
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out)
  if (!match) throw new QueryError(`${tool} is not installed on this Studio instance`, 'BACKUP_TOOL_MISSING')
  return Number(match[1])
}

/** pg_dump refuses servers newer than itself; say so before starting, with what to install. */
export async function assertToolSupports(tool: 'pg_dump' | 'pg_restore', serverVersionNum: number): Promise<void> {
  const serverMajor = Math.floor(serverVersionNum / 10000)
  const toolMajor = await toolMajorVersion(tool)
  if (toolMajor < serverMajor) {
    throw new ValidationError(
      `${tool} ${toolMajor} on this Studio instance is older than the Postgres ${serverMajor} server; install postgresql-client-${serverMajor} or newer`,
      undefined,
      'BACKUP_TOOL_TOO_OLD'
    )
  }
}

/**
 * Waits for a child to exit; a non-zero exit becomes a QueryError with the tool's last stderr lines
 * (secrets redacted: pg tools can echo connection details).
 */
export async function waitForTool(child: ChildProcess, tool: string, stderrTail: () => string, secret: string | undefined): Promise<void> {
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null]
  if (code === 0) return
  const detail = redactSecrets(stderrTail().trim(), [secret]).slice(-2000)
  throw new QueryError(`${tool} failed (${signal ?? `exit ${code}`})${detail ? `: ${detail}` : ''}`, 'BACKUP_TOOL_FAILED')
}

/** Keeps the last lines of a child's stderr and hands verbose lines to `onLine`. */
export function collectStderr(child: ChildProcess, onLine: (line: string) => void): () => string {
  const tail: string[] = []
  let partial = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      onLine(line)
      if (!/^pg_(dump|restore): (dumping|processing|creating|executing|reading|identifying|finding|flagging|saving|last built-in|implied|launching|setting|started|finished|connecting)/.test(line)) {
        tail.push(line)
        if (tail.length > 20) tail.shift()
      }
    }
  })
  return () => [...tail, partial].join('\n')
}
