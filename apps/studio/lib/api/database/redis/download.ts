import type { NextApiResponse } from 'next'

import { writeApiHead } from '../../http-response'
import { fromBytes } from './byte-strings'

/** Sends a value as an attachment named after its key (a binary key name gets a neutral file name). */
export function sendRedisValueDownload(res: NextApiResponse, key: Buffer, value: Buffer): void {
  const name = fromBytes(key)
  const fileName = name.encoding === 'utf8' ? name.text : 'redis-value.bin'
  const asciiFallback = fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'redis-value.bin'
  writeApiHead(res, 200, [
    'Content-Type',
    'application/octet-stream',
    'Content-Length',
    String(value.length),
    'Content-Disposition',
    `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  ])
  res.end(value)
}
