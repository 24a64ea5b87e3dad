import type { RedisKeyRef, RedisTextEncoding } from '@multibase/api-contracts'

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

export function bytesOf(text: string, encoding: RedisTextEncoding): Uint8Array {
  return encoding === 'base64' ? base64ToBytes(text) : new TextEncoder().encode(text)
}

const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, '0')}`

/**
 * A key name as readable text: binary names (base64 from the API) show printable ASCII as is and every
 * other byte as \xNN; control characters of UTF-8 names are escaped too, so a name never breaks a row.
 */
export function displayKeyName(key: RedisKeyRef): string {
  if (key.encoding === 'utf8') {
    // Matching control characters is the point here.
    // eslint-disable-next-line no-control-regex
    return key.name.replace(/[\u0000-\u001f\u007f]/g, (char) => hex(char.charCodeAt(0)))
  }
  let text = ''
  for (const byte of base64ToBytes(key.name)) text += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : hex(byte)
  return text
}

/** A stable id for a key (list rows, selection). */
export const keyId = (key: RedisKeyRef) => `${key.encoding}:${key.name}`

/** Seconds to live as one short figure: 45s, 12m, 3h, 2d. */
export function formatTtl(ttl: number | null): string {
  if (ttl === null) return 'no TTL'
  if (ttl < 60) return `${ttl}s`
  if (ttl < 3600) return `${Math.floor(ttl / 60)}m`
  if (ttl < 86400) return `${Math.floor(ttl / 3600)}h`
  return `${Math.floor(ttl / 86400)}d`
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

export const formatCount = (value: number) => value.toLocaleString('en-US')

/** "1 key", "2 keys": a count with its noun. */
export const countOf = (value: number, singular: string, plural = `${singular}s`) => `${formatCount(value)} ${value === 1 ? singular : plural}`
