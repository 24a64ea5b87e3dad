import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import type { PlatformDatabase } from './database'

/** Repository root `database/migrations`, found from this file whether run by tsx or from a build. */
export function defaultMigrationsDir(): string {
  return process.env.MIGRATIONS_DIR ?? path.resolve(__dirname, '../../../../../database/migrations')
}

const MIGRATION_FILE = /^(\d{3,})_[a-z0-9_]+\.sql$/

/**
 * Applies pending migrations once each, in file-name order, each in its own transaction together with
 * the row that records it. An advisory lock keeps two instances starting at once from racing.
 */
export async function applyMigrations(db: PlatformDatabase, dir = defaultMigrationsDir()): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => MIGRATION_FILE.test(file)).sort()
  const applied: string[] = []
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7205981)')
    await tx.query('CREATE SCHEMA IF NOT EXISTS platform')
    await tx.query(
      `CREATE TABLE IF NOT EXISTS platform.schema_migrations (
         name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`
    )
  })
  for (const file of files) {
    const sql = await readFile(path.join(dir, file), 'utf8')
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7205981)')
      const done = await tx.query('SELECT 1 FROM platform.schema_migrations WHERE name = $1', [file])
      if (done.length > 0) return
      await tx.query(sql)
      await tx.query('INSERT INTO platform.schema_migrations (name) VALUES ($1)', [file])
      applied.push(file)
    })
  }
  return applied
}
