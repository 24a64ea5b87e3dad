import { errorBodySchema } from '@multibase/api-contracts'

import { buildUrl, getAccessToken, ResponseError } from '../fetchers'
import { auditPath, filterQuery, type AuditFilterValues } from './keys'

/**
 * The filtered audit log as a file. A download link cannot carry the bearer token (and tokens never
 * go in a URL), so the browser fetches the streamed export and saves what it received.
 */
export async function downloadAuditExport({ ref, filter, format }: { ref: string; filter: AuditFilterValues; format: 'csv' | 'ndjson' }) {
  const token = await getAccessToken()
  const response = await fetch(buildUrl(auditPath(ref, '/export'), { ...filterQuery(filter), format }), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined))
    if (parsed.success) {
      const { code, message, requestId, details } = parsed.data.error
      throw new ResponseError(message, { code, status: response.status, requestId, details })
    }
    throw new ResponseError(`Export failed with status ${response.status}`, { code: 'HTTP_ERROR', status: response.status })
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `audit.${format}`
  return { blob: await response.blob(), name }
}
