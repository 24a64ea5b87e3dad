import type { RedisCreateKeyBody } from '@multibase/api-contracts'

export const NEW_KEY_TYPES = ['string', 'hash', 'list', 'set', 'zset', 'stream', 'json'] as const
export type NewKeyType = (typeof NEW_KEY_TYPES)[number]

/** The inputs of each row of a new collection value. */
export const ROW_FIELDS: Record<Exclude<NewKeyType, 'string' | 'json'>, string[]> = {
  hash: ['Field', 'Value'],
  list: ['Item'],
  set: ['Member'],
  zset: ['Member', 'Score'],
  stream: ['Field', 'Value'],
}

/** Rows as `[field, value]` pairs, in the order typed: an entry may repeat a field, and any name is kept. */
function fieldPairs(rows: string[][]): Array<[string, string]> {
  return rows.map(([field, value]) => [field, value])
}

/**
 * The create body for a type from what the dialog holds (text for string/json, rows for the rest), or
 * the reason it cannot be sent yet.
 */
export function buildCreateBody(type: NewKeyType, text: string, rows: string[][], ttl: number | undefined): RedisCreateKeyBody | string {
  const filled = rows.filter((row) => row.some((cell) => cell !== ''))
  const common = ttl === undefined ? {} : { ttl }
  switch (type) {
    case 'string':
      return { type, value: text, ...common }
    case 'json':
      try {
        return { type, value: JSON.parse(text), ...common }
      } catch {
        return 'The value is not valid JSON'
      }
    case 'hash':
      if (filled.length === 0) return 'Add at least one field'
      return { type, value: fieldPairs(filled), ...common }
    case 'list':
    case 'set':
      if (filled.length === 0) return `Add at least one ${type === 'list' ? 'item' : 'member'}`
      return { type, value: filled.map(([item]) => item), ...common }
    case 'zset': {
      if (filled.length === 0) return 'Add at least one member'
      const members = filled.map(([member, score]) => ({ member, score: score.trim() === '' ? Number.NaN : Number(score) }))
      if (members.some((member) => !Number.isFinite(member.score))) return 'Every score must be a number'
      return { type, value: members, ...common }
    }
    case 'stream':
      if (filled.length === 0) return 'Add at least one field'
      return { type, value: [{ id: '*', fields: fieldPairs(filled) }], ...common }
  }
}
