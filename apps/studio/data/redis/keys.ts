import type { RedisKeyRef, RedisValueType } from '@multibase/api-contracts'

export interface RedisKeyListFilter {
  pattern: string
  type: RedisValueType | undefined
}

export const redisKeys = {
  /** Prefix of every key-listing page of one connection, to revalidate them all after a write. */
  listRoot: (ref: string, connectionId: string) => ['redis', ref, connectionId, 'keys'] as const,
  listPage: (ref: string, connectionId: string, filter: RedisKeyListFilter, cursor: string) =>
    ['redis', ref, connectionId, 'keys', filter.pattern, filter.type ?? '', cursor] as const,
  /** Prefix of every value page of one key. */
  valueRoot: (ref: string, connectionId: string, key: RedisKeyRef) => ['redis', ref, connectionId, 'key', key.encoding, key.name] as const,
  valuePage: (ref: string, connectionId: string, key: RedisKeyRef, page: { cursor?: string; offset?: number; count: number }) =>
    ['redis', ref, connectionId, 'key', key.encoding, key.name, page.cursor ?? '', page.offset ?? 0, page.count] as const,
  job: (ref: string, jobId: string) => ['jobs', ref, jobId] as const,
}

/** Utf-8 names that cannot travel as a path segment (URLs normalise dots away; bulk-delete is a sibling route). */
const PATH_UNSAFE_NAMES = new Set(['.', '..', 'bulk-delete'])

function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** `/api/platform/redis/<ref>/keys/<key>` and the `encoding` its path segment needs. */
export function redisKeyPath(ref: string, key: RedisKeyRef, suffix = ''): { path: string; encoding: RedisKeyRef['encoding'] } {
  const asBase64 = key.encoding === 'base64' || PATH_UNSAFE_NAMES.has(key.name)
  const segment = key.encoding === 'base64' ? key.name : asBase64 ? utf8ToBase64(key.name) : key.name
  return {
    path: `/api/platform/redis/${encodeURIComponent(ref)}/keys/${encodeURIComponent(segment)}${suffix}`,
    encoding: asBase64 ? 'base64' : 'utf8',
  }
}

export const redisKeysPath = (ref: string) => `/api/platform/redis/${encodeURIComponent(ref)}/keys`
export const jobPath = (ref: string, jobId: string) => `/api/platform/projects/${encodeURIComponent(ref)}/jobs/${encodeURIComponent(jobId)}`

/** Same key (name and encoding). */
export const sameKey = (a: RedisKeyRef | undefined, b: RedisKeyRef | undefined) => !!a && !!b && a.name === b.name && a.encoding === b.encoding
