import { createHash } from 'node:crypto'
import { Transform } from 'node:stream'

/** A pass-through that counts and hashes the bytes on their way to storage. */
export function hashingStream() {
  const hash = createHash('sha256')
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      size += chunk.length
      callback(null, chunk)
    },
  })
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) }
}
