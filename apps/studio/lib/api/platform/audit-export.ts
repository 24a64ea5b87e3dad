import type { AuditFilter } from '@multibase/api-contracts'
import type { ServerResponse } from 'node:http'

import { auditCsvHeader, auditCsvRow } from './audit-csv'
import type { AuditCursor } from './audit-filter'
import { readAuditPage } from './audit-list'

/** Rows per keyset page: one page is what the export holds in memory at a time. */
const EXPORT_PAGE_ROWS = 500

/** Resolves once the socket took the chunk or asked to wait ('drain'), or the client went away. */
function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false)
  if (res.write(chunk)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      resolve(ok)
    }
    const onDrain = () => done(true)
    const onClose = () => done(false)
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}

/**
 * Streams a project's filtered audit rows as CSV or NDJSON, newest first, walking keyset pages so the
 * table is never read whole, and waiting on the socket between pages (a slow client slows the reads,
 * it does not grow memory). A client that disconnects stops the walk.
 */
export async function streamAuditExport(
  res: ServerResponse,
  project: { id: string; ref: string },
  filter: Omit<AuditFilter, 'ref'>,
  format: 'csv' | 'ndjson'
): Promise<void> {
  // The first page is read before the headers go out, so a failing query still gets the JSON error.
  let page = await readAuditPage(project, filter, EXPORT_PAGE_ROWS)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  res.statusCode = 200
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
  res.setHeader('Content-Disposition', `attachment; filename="audit-${project.ref}-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`)
  res.setHeader('Cache-Control', 'no-store')
  if (format === 'csv' && !(await write(res, auditCsvHeader()))) return
  for (;;) {
    const chunk = page.items
      .map((entry) => (format === 'csv' ? auditCsvRow(entry) : JSON.stringify(entry) + '\n'))
      .join('')
    if (chunk && !(await write(res, chunk))) return
    if (!page.next) break
    const cursor: AuditCursor = page.next
    page = await readAuditPage(project, filter, EXPORT_PAGE_ROWS, cursor)
  }
  res.end()
}
