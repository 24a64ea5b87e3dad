import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

import type { NextApiRequest, NextApiResponse } from 'next'

import { writeApiHead } from './http-response'

const gzipAsync = promisify(gzip)

/** Below this, compression costs more time than it saves on the wire to a local browser. */
const SELF_COMPRESS_MIN_BYTES = 64 * 1024

/** Whether Accept-Encoding allows gzip (named or `*`, with a q-value above 0). */
function acceptsGzip(req: NextApiRequest): boolean {
  const header = req.headers['accept-encoding']
  if (typeof header !== 'string') return false
  return header.split(',').some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(';')
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false
    const quality = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    return quality === undefined || Number(quality.slice(2)) > 0
  })
}

/**
 * Sends a JSON document that is already text (a catalog query's output), skipping a parse and
 * re-serialization of a possibly large body. Large bodies are gzipped here at level 1, off the event
 * loop: catalog JSON compresses ~30× even at that level, in about half the time of zlib's default
 * level. Returns undefined, as apiRoute handlers do after writing the response themselves.
 */
export async function sendJsonText(req: NextApiRequest, res: NextApiResponse, body: string, status = 200): Promise<undefined> {
  const headers = ['Content-Type', 'application/json; charset=utf-8', 'Vary', 'Accept-Encoding']
  if (body.length >= SELF_COMPRESS_MIN_BYTES && acceptsGzip(req)) {
    const compressed = await gzipAsync(body, { level: 1 })
    writeApiHead(res, status, [...headers, 'Content-Encoding', 'gzip', 'Content-Length', String(compressed.length)])
    res.end(compressed)
    return undefined
  }
  writeApiHead(res, status, [...headers, 'Content-Length', String(Buffer.byteLength(body))])
  res.end(body)
  return undefined
}
