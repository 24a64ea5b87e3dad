import { errorBodySchema } from '@multibase/api-contracts'

import { getAccessToken, ResponseError } from '../fetchers'
import { backupPath } from './keys'

/**
 * Downloads a backup file and hands it to the browser as a file. A binary body cannot go through
 * apiFetch (JSON only); failures still become the one ResponseError.
 */
export async function downloadBackup({ ref, id, fileName }: { ref: string; id: string; fileName: string }): Promise<void> {
  const token = await getAccessToken()
  const response = await fetch(`${backupPath(ref, id)}/download`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined))
    if (parsed.success) {
      const { code, message, requestId, details } = parsed.data.error
      throw new ResponseError(message, { code, status: response.status, requestId, details })
    }
    throw new ResponseError(`Download failed with status ${response.status}`, { code: 'HTTP_ERROR', status: response.status })
  }
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  URL.revokeObjectURL(url)
}
