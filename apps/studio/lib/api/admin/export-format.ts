import type { AdminSecurityEvent } from '@multibase/api-contracts'

export const SECURITY_EVENT_CSV_COLUMNS = [
  'id', 'createdAt', 'projectRef', 'action', 'route', 'code', 'status', 'requestId', 'userId', 'userEmail', 'ip', 'target',
] as const

/**
 * One CSV field (RFC 4180 quoting). A field that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) gets a leading apostrophe: event fields carry caller-chosen text (paths, emails).
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function securityEventCsvLine(event: AdminSecurityEvent): string {
  return SECURITY_EVENT_CSV_COLUMNS.map((column) => csvField(event[column])).join(',') + '\r\n'
}

export const securityEventNdjsonLine = (event: AdminSecurityEvent): string => JSON.stringify(event) + '\n'
