import { createHash } from 'node:crypto'

import type { DatabaseError } from '../errors'
import type { ConnectionLogin } from '../pool-manager'

/**
 * What the audit log keeps of one SQL run: enough to match a statement someone still has (its
 * sha256 and UTF-8 length) and to see who ran what kind of thing with which outcome, but never the
 * text, which can hold passwords (`ALTER ROLE … PASSWORD`) and personal data.
 */
export function sqlAuditDetails(input: {
  sql: string
  connectionId: string | undefined
  login: ConnectionLogin
  rowCount: number | null | undefined
  error?: DatabaseError
}): Record<string, unknown> {
  const pgCode = input.error?.details?.pgCode
  return {
    connectionId: input.connectionId ?? null,
    login: input.login,
    statementSha256: createHash('sha256').update(input.sql, 'utf8').digest('hex'),
    statementLength: Buffer.byteLength(input.sql, 'utf8'),
    rowCount: input.rowCount ?? null,
    outcome: input.error ? 'error' : 'ok',
    ...(input.error ? { errorCode: input.error.code } : {}),
    ...(typeof pgCode === 'string' ? { pgCode } : {}),
  }
}
