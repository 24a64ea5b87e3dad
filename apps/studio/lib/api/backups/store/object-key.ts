import { ValidationError } from '../../database/errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(dump|ndjson\.gz|tar\.gz)$/

export const BACKUP_EXTENSIONS = { postgres: 'dump', redis: 'ndjson.gz', mongodb: 'tar.gz' } as const

/** The object name of a backup: only generated ids, so nothing a caller sends reaches a path or a URL. */
export function objectKeyFor(projectId: string, backupId: string, engine: keyof typeof BACKUP_EXTENSIONS): string {
  if (!UUID.test(projectId) || !UUID.test(backupId)) throw new ValidationError('Invalid backup id')
  return `${projectId}/${backupId}.${BACKUP_EXTENSIONS[engine]}`
}

/** Stores re-check every key they are handed (defence in depth against a tampered catalogue row). */
export function assertObjectKey(key: string): string {
  if (!KEY.test(key)) throw new ValidationError('Invalid backup object key')
  return key
}
