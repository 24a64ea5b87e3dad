import type { NextApiResponse } from 'next'

/**
 * Sends a JSON document that is already text (a catalog query's `json_agg`), skipping a parse and
 * re-serialization of a possibly large body. Returns undefined, as apiRoute handlers do after
 * writing the response themselves.
 */
export function sendJsonText(res: NextApiResponse, body: string, status = 200): undefined {
  res.status(status)
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(body)
  return undefined
}
