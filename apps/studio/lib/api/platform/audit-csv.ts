import type { AuditEntry } from '@multibase/api-contracts'

/** The export's columns, in order; the header row uses these names. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'kind',
  'action',
  'route',
  'engine',
  'connectionId',
  'code',
  'status',
  'requestId',
  'userId',
  'userEmail',
  'tokenKind',
  'ip',
  'target',
  'details',
] as const

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return that some strip before looking) gets a leading apostrophe: audit rows hold
 * text an attacker chose (key names, emails, paths), and an admin opening the export must not run it.
 * Cells with a comma, quote or line break are quoted, quotes doubled.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

export function auditCsvHeader(): string {
  return csvLine([...AUDIT_CSV_COLUMNS])
}

export function auditCsvRow(entry: AuditEntry): string {
  return csvLine(AUDIT_CSV_COLUMNS.map((column) => entry[column]))
}
