import { ConflictError, ForbiddenError, ValidationError, type DatabaseError } from '../errors'
import { sqlErrorFrom } from './formatted-error'

interface PostgresErrorLike {
  code?: string
  message?: string
  detail?: string
  column?: string
  constraint?: string
}

/**
 * Errors of the explorer's own statements, named for what the user did wrong: a value Postgres
 * cannot read as the column's type (class 22) is INVALID_VALUE, a broken constraint is
 * CONSTRAINT_VIOLATION (DUPLICATE_KEY for a unique one), a missing privilege is 403.
 */
export function explorerErrorFrom(raw: unknown, sql: string): DatabaseError | undefined {
  const error = (raw ?? {}) as PostgresErrorLike
  const code = typeof error.code === 'string' ? error.code : ''
  const details = {
    pgCode: code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.column ? { column: error.column } : {}),
    ...(error.constraint ? { constraint: error.constraint } : {}),
  }
  const message = error.message ?? 'Query failed'
  if (code.startsWith('22')) return new ValidationError(message, details, 'INVALID_VALUE')
  if (code === '23505') return new ConflictError(message, 'DUPLICATE_KEY', details)
  if (code.startsWith('23')) return new ConflictError(message, 'CONSTRAINT_VIOLATION', details)
  if (code === '42501') return new ForbiddenError(message, 'PERMISSION_DENIED')
  return sqlErrorFrom(raw, sql)
}
