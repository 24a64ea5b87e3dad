import type { SyncDirection, SyncScope } from '@multibase/api-contracts'

/** The wizard's one scope field as a SyncScope: schemas, db.collection names, or a key pattern. */
export function scopeFromText(direction: SyncDirection, text: string): SyncScope {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  if (direction === 'redis->redis') return { keyPattern: text.trim() || '*' }
  if (direction.startsWith('mongodb')) {
    const collections = items.flatMap((item) => {
      const dot = item.indexOf('.')
      return dot > 0 ? [{ db: item.slice(0, dot), name: item.slice(dot + 1) }] : []
    })
    return direction === 'mongodb->postgres' ? { collections, documentMapping: 'jsonb' } : { collections }
  }
  return { schemas: items.length ? items : ['public'] }
}
