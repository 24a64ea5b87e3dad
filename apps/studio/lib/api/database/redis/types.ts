import type { RedisValueType } from '@multibase/api-contracts'

/** RedisJSON reports its keys with this TYPE name; the API calls them `json`. */
export const REDIS_JSON_TYPE = 'ReJSON-RL'

export function toRedisType(type: RedisValueType): string {
  return type === 'json' ? REDIS_JSON_TYPE : type
}

export function fromRedisType(type: string): string {
  return type === REDIS_JSON_TYPE ? 'json' : type
}

/** PTTL in milliseconds → whole seconds to live (rounded up), null for a key without expiry. */
export function ttlSeconds(pttl: number): number | null {
  return pttl < 0 ? null : Math.ceil(pttl / 1000)
}
