import { errorBodySchema } from '@multibase/api-contracts'

import { getAccessToken, ResponseError } from '../fetchers'

/** Downloads every security event as CSV or NDJSON (a fetch with the token, not a link: tokens travel in headers only). */
export async function downloadSecurityEvents(format: 'csv' | 'ndjson'): Promise<Blob> {
  const token = await getAccessToken()
  const response = await fetch(`/api/platform/admin/security-events/export?format=${format}`, {
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
  return response.blob()
}
