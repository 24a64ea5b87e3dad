import type { IncomingMessage } from 'node:http'

import { DatabaseError, ValidationError } from './database/errors'

const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024 * 1024

/** Each request's body text, for routes that must read values exactly as sent (see requestBodyText). */
const bodyTexts = new WeakMap<IncomingMessage, string>()

/** The JSON body's text as received (after readJsonBody), e.g. to read big numbers without rounding. */
export function requestBodyText(req: IncomingMessage): string | undefined {
  return bodyTexts.get(req)
}

/**
 * Reads and parses a JSON body ourselves (routes turn Next's body parser off) so malformed JSON and
 * oversized bodies get the API's one error shape instead of Next's plain-text 400.
 */
export async function readJsonBody(req: IncomingMessage & { body?: unknown }, limit = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  if (req.body !== undefined) return req.body
  // A declared length over the limit is refused before a byte of it is read.
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    throw new DatabaseError(`Request body is larger than ${limit} bytes`, { status: 413, code: 'PAYLOAD_TOO_LARGE' })
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) {
      throw new DatabaseError(`Request body is larger than ${limit} bytes`, { status: 413, code: 'PAYLOAD_TOO_LARGE' })
    }
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return undefined
  const text = Buffer.concat(chunks).toString('utf8')
  bodyTexts.set(req, text)
  try {
    return JSON.parse(text)
  } catch {
    throw new ValidationError('Request body is not valid JSON', undefined, 'INVALID_JSON')
  }
}
