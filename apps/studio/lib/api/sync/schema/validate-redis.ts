import type { SyncFinding, SyncScope, SyncSizeEstimate } from '@multibase/api-contracts'
import type Redis from 'ioredis'

/** A validation reads a bounded sample: this many SCAN calls of this COUNT hint, per side. */
const SCAN_CALLS = 20
const SCAN_COUNT = 500
const MEMORY_SAMPLE = 200

interface ScanSample {
  keys: string[]
  /** The SCAN went round the whole keyspace: `keys` is every match, not a sample. */
  complete: boolean
  calls: number
}

async function scanSample(redis: Redis, pattern: string, type: string | undefined): Promise<ScanSample> {
  const keys: string[] = []
  let cursor = '0'
  let calls = 0
  do {
    const [next, batch] = type
      ? await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT, 'TYPE', type)
      : await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT)
    keys.push(...batch)
    cursor = next
    calls += 1
  } while (cursor !== '0' && calls < SCAN_CALLS)
  return { keys, complete: cursor === '0', calls }
}

/** Matches in the whole keyspace, extrapolated from the share of it the sample scanned. */
function estimateMatches(sample: ScanSample, dbsize: number): number {
  if (sample.complete) return sample.keys.length
  const scanned = Math.min(dbsize, sample.calls * SCAN_COUNT)
  return scanned === 0 ? 0 : Math.round((sample.keys.length / scanned) * dbsize)
}

/**
 * Redis → Redis: keys of the pattern that already exist on the target would be overwritten.
 * Counted by a SCAN sample of the target and by checking the sampled source keys there; the size
 * is MEMORY USAGE of a sample times the estimated number of matching keys.
 */
export async function validateRedisToRedis(source: Redis, target: Redis, scope: SyncScope) {
  const pattern = scope.keyPattern ?? '*'
  // SCAN filters by one type server-side; with several, every type is scanned and counted.
  const type = scope.keyTypes?.length === 1 ? scope.keyTypes[0] : undefined
  const [sourceSample, targetSample, sourceSize, targetSize] = [
    await scanSample(source, pattern, type),
    await scanSample(target, pattern, type),
    await source.dbsize(),
    await target.dbsize(),
  ]
  const findings: SyncFinding[] = []
  const checked = sourceSample.keys.slice(0, 1000)
  const existing = checked.length > 0 ? await target.exists(...checked) : 0
  const targetMatches = estimateMatches(targetSample, targetSize)
  if (targetSample.keys.length > 0 || existing > 0) {
    findings.push({
      severity: 'warning',
      code: 'KEY_OVERLAP',
      object: pattern,
      message: `${targetSample.complete ? '' : 'About '}${targetMatches} key(s) matching ${pattern} already exist on the target; a sync overwrites them`,
      details: {
        targetMatching: targetMatches,
        exact: targetSample.complete,
        sourceKeysChecked: checked.length,
        sourceKeysOnTarget: existing,
      },
    })
  }
  const units = estimateMatches(sourceSample, sourceSize)
  if (units === 0) findings.push({ severity: 'warning', code: 'EMPTY_SCOPE', object: pattern, message: `No key of the source matches ${pattern}` })
  const sampled = sourceSample.keys.slice(0, MEMORY_SAMPLE)
  const pipeline = source.pipeline()
  for (const key of sampled) pipeline.call('MEMORY', 'USAGE', key)
  const usages = ((await pipeline.exec()) ?? []).map(([, value]) => Number(value ?? 0))
  const average = usages.length === 0 ? 0 : usages.reduce((sum, value) => sum + value, 0) / usages.length
  const size: SyncSizeEstimate = {
    bytes: Math.round(average * units),
    units,
    method: sourceSample.complete
      ? `every matching key counted; MEMORY USAGE of ${usages.length} of them`
      : `SCAN sample (${sourceSample.calls} calls) extrapolated with DBSIZE; MEMORY USAGE of ${usages.length} keys`,
    objects: [{ object: pattern, bytes: Math.round(average * units), units }],
  }
  return { findings, size }
}
