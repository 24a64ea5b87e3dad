import { QueryError, TimeoutError, type DatabaseError } from '../errors'

interface PostgresErrorFields {
  message: string
  code?: string
  severity?: string
  position?: string
  hint?: string
  detail?: string
  where?: string
}

const isPostgresError = (error: unknown): error is PostgresErrorFields =>
  !!error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string' &&
  typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code)

/**
 * psql-style text of a Postgres error, as postgres-meta's `formattedError`:
 *   ERROR:  42601: syntax error at or near "selec"
 *   LINE 1: selec 1
 *           ^
 * followed by DETAIL, HINT and CONTEXT lines when Postgres sent them.
 */
export function formatPostgresError(error: PostgresErrorFields, sql: string): string {
  const lines = [`${error.severity ?? 'ERROR'}:  ${error.code ? `${error.code}: ` : ''}${error.message}`]
  const position = Number(error.position)
  if (Number.isInteger(position) && position > 0) {
    // Postgres counts characters from 1 over the whole query text.
    const before = [...sql].slice(0, position - 1).join('')
    const lineIndex = before.split('\n').length - 1
    const lineText = sql.split('\n')[lineIndex] ?? ''
    const column = [...(before.split('\n').pop() ?? '')].length
    const prefix = `LINE ${lineIndex + 1}: `
    lines.push(`${prefix}${lineText}`, `${' '.repeat(prefix.length + column)}^`)
  }
  if (error.detail) lines.push(`DETAIL:  ${error.detail}`)
  if (error.hint) lines.push(`HINT:  ${error.hint}`)
  if (error.where) lines.push(`CONTEXT:  ${error.where}`)
  return lines.join('\n')
}

/**
 * A Postgres error from user SQL, keeping what Postgres said: message, SQLSTATE, 1-based character
 * position in the sent text, hint, detail and the formatted text. A statement timeout (57014) is a
 * 504 QUERY_TIMEOUT. Anything that is not a Postgres error is left for the driver-error mapping.
 */
export function sqlErrorFrom(raw: unknown, sql: string): DatabaseError | undefined {
  if (!isPostgresError(raw)) return undefined
  const details = {
    pgCode: raw.code,
    ...(raw.position ? { position: Number(raw.position) } : {}),
    ...(raw.hint ? { hint: raw.hint } : {}),
    ...(raw.detail ? { detail: raw.detail } : {}),
    ...(raw.where ? { where: raw.where } : {}),
    formattedError: formatPostgresError(raw, sql),
  }
  if (raw.code === '57014') return new TimeoutError('The query took longer than its time limit and was cancelled', details)
  return new QueryError(raw.message, 'QUERY_ERROR', details)
}
