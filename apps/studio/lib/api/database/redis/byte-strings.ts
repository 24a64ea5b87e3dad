import { isUtf8 } from 'node:buffer'

import type { RedisTextEncoding } from '@multibase/api-contracts'

import { ValidationError } from '../errors'

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/** Bytes from a JSON string that says how it is written (base64 accepts the URL-safe alphabet too). */
export function toBytes(text: string, encoding: RedisTextEncoding, what = 'value'): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8')
  if (!BASE64.test(text)) throw new ValidationError(`${what} is not valid base64`, { field: what }, 'INVALID_ENCODING')
  return Buffer.from(text, 'base64')
}

/** A key name or value as JSON text: UTF-8 when the bytes are valid UTF-8, else base64. */
export function fromBytes(bytes: Buffer): { text: string; encoding: RedisTextEncoding } {
  return isUtf8(bytes) ? { text: bytes.toString('utf8'), encoding: 'utf8' } : { text: bytes.toString('base64'), encoding: 'base64' }
}

/**
 * Encodes every string of one value the same way, so a response needs one `valueEncoding`: UTF-8
 * unless any of them is not valid UTF-8.
 */
export function textEncoder(buffers: Iterable<Buffer>): { encoding: RedisTextEncoding; text: (bytes: Buffer) => string } {
  for (const bytes of buffers) {
    if (!isUtf8(bytes)) return { encoding: 'base64', text: (value) => value.toString('base64') }
  }
  return { encoding: 'utf8', text: (value) => value.toString('utf8') }
}

/**
 * A truncated preview must not end inside a multi-byte character, or valid UTF-8 text would be
 * reported as binary: drops up to three trailing bytes of an incomplete sequence.
 */
export function trimPartialUtf8(bytes: Buffer): Buffer {
  for (let drop = 0; drop <= 3 && drop < bytes.length; drop++) {
    const candidate = bytes.subarray(0, bytes.length - drop)
    if (isUtf8(candidate)) return candidate
  }
  return bytes
}

/** The key a route addresses, from its path segment and `?encoding=`. */
export function keyFromPath(name: string, encoding: RedisTextEncoding): Buffer {
  const key = toBytes(name, encoding, 'key')
  if (key.length === 0) throw new ValidationError('The key name is empty', { field: 'key' })
  return key
}
