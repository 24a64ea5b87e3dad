import { createHash } from 'node:crypto'

import type { GenerateMigrationBody, GenerateMigrationResponse } from '@multibase/api-contracts'

import { ConflictError, ValidationError } from '../../database/errors'
import type { ProjectAccess } from '../../platform/projects'
import { applyMigration } from './apply-migration'
import { withSyncSides } from './endpoints'
import { planMongoToPgMigration } from './generate-mongo-migration'
import { planPgMigration, type MigrationStatementOut, type ObjectDiff } from './generate-migration'

/** The script a review approves: one statement per line group, each ended by a semicolon. */
export function migrationScript(statements: readonly MigrationStatementOut[]): string {
  return statements.map((statement) => `-- ${statement.kind} ${statement.object}\n${statement.sql};\n`).join('\n')
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * `POST sync/[ref]/generate-migration`: plans the target's DDL and, with `apply`, runs it in one
 * transaction (the caller checked the admin role). Postgres targets only: Redis has no schema, and
 * MongoDB collections are created by the first insert.
 */
export async function generateOrApplyMigration(
  project: ProjectAccess['project'],
  body: GenerateMigrationBody
): Promise<GenerateMigrationResponse> {
  const { apply, expectedSha256, ...endpoints } = body
  return withSyncSides(project, endpoints, async ({ direction, source, target }) => {
    if (target.type !== 'postgres') {
      throw new ValidationError(`generate-migration needs a Postgres target (this sync is ${direction})`, undefined, 'UNSUPPORTED_DIRECTION')
    }
    let planned: { statements: MigrationStatementOut[]; postData: MigrationStatementOut[]; diff: ObjectDiff[] }
    if (source.type === 'postgres') planned = await planPgMigration({ source: source.client.native, target: target.client.native, scope: endpoints.scope })
    else if (source.type === 'mongodb') {
      const plan = await planMongoToPgMigration({
        mongo: source.client.native,
        defaultDatabase: source.client.defaultDatabase,
        target: target.client.native,
        scope: endpoints.scope,
      })
      planned = { statements: plan.statements, postData: [], diff: plan.diff }
    } else throw new ValidationError(`generate-migration does not apply to ${direction}`, undefined, 'UNSUPPORTED_DIRECTION')
    const script = migrationScript(planned.statements)
    const sha256 = sha256Hex(script)
    // The target (or source) changed since the review: run nothing the user has not seen.
    if (apply && expectedSha256 && expectedSha256 !== sha256) {
      throw new ConflictError('The migration changed since it was reviewed; generate it again', 'MIGRATION_CHANGED')
    }
    if (apply && planned.statements.length > 0) await applyMigration(target.client.native, planned.statements)
    return { ...planned, script, sha256, applied: Boolean(apply) }
  })
}
