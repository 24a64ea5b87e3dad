import { ValidationError } from '../errors'

export interface StreamId {
  ms: bigint
  seq: bigint
}

export function parseStreamId(id: string): StreamId {
  const [ms, seq] = id.split('-')
  return { ms: BigInt(ms), seq: BigInt(seq ?? '0') }
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1
  return 0
}

/**
 * XADD fails inside a transaction (after earlier commands applied) when an explicit id is not above
 * the stream's last id, so ids are checked before anything is sent: explicit ids must rise, start
 * above `lastId`, and not follow a `*` entry (whose time-based id the server picks). A `*` after an
 * explicit id is safe: the server always generates an id above the last one.
 */
export function assertStreamIdsInsertable(ids: string[], lastId: StreamId = { ms: 0n, seq: 0n }): void {
  let previous = lastId
  let sawGenerated = false
  ids.forEach((id, index) => {
    if (id === '*') {
      sawGenerated = true
      return
    }
    const parsed = parseStreamId(id)
    if (sawGenerated || compareStreamIds(parsed, previous) <= 0) {
      throw new ValidationError(
        sawGenerated
          ? 'An explicit stream id cannot follow a * entry in the same call'
          : `Stream id ${id} must be greater than ${previous.ms}-${previous.seq}`,
        { field: `entries.${index}.id` },
        'INVALID_STREAM_ID'
      )
    }
    previous = parsed
  })
}
