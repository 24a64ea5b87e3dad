import { createInterface } from 'node:readline'
import { pipeline, Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'

import { ValidationError } from '../../database/errors'
import { withDatabaseClient } from '../../database/helpers'
import type { ProjectRef } from '../../platform/connections'
import { redisGlobToRegExp } from './redis-glob'
import { rdbVersionForRedis, rdbVersionOf } from './redis-rdb'
import { planBuilder, type BackupRun, type EngineProgress, type RestorePlan } from './types'

const BATCH = 500
const FORMAT = 'multibase-redis-backup'

/** First line of a Redis backup: what wrote it, so a restore can refuse what its target can't read. */
interface RedisBackupHeader {
  format: typeof FORMAT
  version: 1
  redisVersion: string
  /** The RDB version of the payloads (null for an empty backup). */
  rdbVersion: number | null
}

/** One key: name and DUMP payload in base64, and its absolute expiry in ms (null: no TTL). */
interface RedisBackupEntry {
  k: string
  d: string
  x: number | null
}

async function redisVersionOf(project: ProjectRef, connectionId: string): Promise<string> {
  return withDatabaseClient(project, 'redis', connectionId, async (client) => {
    const info = await client.native.info('server')
    return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? '0.0.0'
  })
}

/** One SCAN page with each key's DUMP payload and PTTL, in one pipeline. */
async function dumpPage(project: ProjectRef, connectionId: string, cursor: string, pattern: string) {
  return withDatabaseClient(project, 'redis', connectionId, async (client) => {
    const [next, keys] = await client.native.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', BATCH)
    const pipeline = client.native.pipeline()
    for (const key of keys) pipeline.dumpBuffer(key).pttl(key)
    const replies = keys.length ? ((await pipeline.exec()) ?? []) : []
    const now = Date.now()
    const entries: RedisBackupEntry[] = []
    keys.forEach((key, index) => {
      const payload = replies[index * 2]?.[1] as Buffer | null
      const pttl = replies[index * 2 + 1]?.[1] as number
      // Deleted or expired between SCAN and DUMP: not part of the backup.
      if (!payload || pttl === -2) return
      entries.push({ k: key.toString('base64'), d: payload.toString('base64'), x: pttl >= 0 ? now + pttl : null })
    })
    return { next: next.toString(), entries }
  })
}

/**
 * Every key matching the pattern as DUMP payloads with their expiry, gzip-compressed NDJSON. SCAN
 * pages are pulled only as fast as the store takes the bytes (backpressure), so memory stays flat.
 */
export async function startRedisBackup(
  project: ProjectRef,
  connectionId: string,
  pattern: string,
  onProgress: (progress: EngineProgress) => void
): Promise<BackupRun> {
  const redisVersion = await redisVersionOf(project, connectionId)
  let aborted = false
  let resolveFinished: () => void = () => undefined
  let rejectFinished: (error: Error) => void = () => undefined
  const finished = new Promise<void>((resolve, reject) => ((resolveFinished = resolve), (rejectFinished = reject)))
  finished.catch(() => undefined)
  async function* lines() {
    try {
      let done = 0
      let page = await dumpPage(project, connectionId, '0', pattern)
      const firstPayload = page.entries[0] ? Buffer.from(page.entries[0].d, 'base64') : null
      const header: RedisBackupHeader = { format: FORMAT, version: 1, redisVersion, rdbVersion: firstPayload ? rdbVersionOf(firstPayload) : null }
      yield JSON.stringify(header) + '\n'
      for (;;) {
        if (page.entries.length) yield page.entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n'
        done += page.entries.length
        onProgress({ current: `${done} keys`, done, total: null })
        if (page.next === '0' || aborted) break
        page = await dumpPage(project, connectionId, page.next, pattern)
      }
      if (aborted) throw new Error('The backup was cancelled')
      resolveFinished()
    } catch (error) {
      rejectFinished(error as Error)
      throw error
    }
  }
  // pipeline, not pipe: a failed SCAN page must end the gzip stream (and so the upload) with its error.
  const stream = createGzip()
  pipeline(Readable.from(lines()), stream, () => undefined)
  return { stream, finished, engineVersion: redisVersion, abort: () => (aborted = true) }
}

/** Reads a Redis backup line by line: the header first, then entries in batches. */
async function* readBackup(archive: Readable): AsyncGenerator<RedisBackupHeader | RedisBackupEntry[]> {
  const lines = createInterface({ input: archive.pipe(createGunzip()), crlfDelay: Infinity })
  let header: RedisBackupHeader | undefined
  let batch: RedisBackupEntry[] = []
  for await (const line of lines) {
    if (!line) continue
    if (!header) {
      header = JSON.parse(line) as RedisBackupHeader
      if (header.format !== FORMAT) throw new ValidationError('This file is not a Redis backup', undefined, 'BACKUP_FORMAT_INVALID')
      yield header
      continue
    }
    batch.push(JSON.parse(line) as RedisBackupEntry)
    if (batch.length >= BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** The RDB version the target restores: from a payload it wrote itself when it has a key, else its release. */
async function targetRdbVersion(project: ProjectRef, connectionId: string): Promise<{ rdb: number; version: string }> {
  return withDatabaseClient(project, 'redis', connectionId, async (client) => {
    const info = await client.native.info('server')
    const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? '0.0.0'
    const key = await client.native.randomkeyBuffer()
    const payload = key ? await client.native.dumpBuffer(key) : null
    return { rdb: (payload && rdbVersionOf(payload)) ?? rdbVersionForRedis(version), version }
  })
}

function assertReadable(header: RedisBackupHeader, target: { rdb: number; version: string }) {
  if (header.rdbVersion !== null && header.rdbVersion > target.rdb) {
    throw new ValidationError(
      `This backup was taken from Redis ${header.redisVersion} (RDB format ${header.rdbVersion}); the target runs Redis ${target.version}, which only reads RDB format ${target.rdb} and older. Restore into Redis ${header.redisVersion} or newer.`,
      undefined,
      'BACKUP_RDB_TOO_NEW'
    )
  }
}

const byteString = (base64: string) => Buffer.from(base64, 'base64').toString('latin1')
const patternMatcher = (pattern: string | undefined) => {
  if (!pattern) return () => true
  const regexp = redisGlobToRegExp(Buffer.from(pattern, 'utf8').toString('latin1'))
  return (entry: RedisBackupEntry) => regexp.test(byteString(entry.k))
}

/** Dry run: keys the restore would create, overwrite (replace) or keep (exists, no replace). */
export async function planRedisRestore(
  project: ProjectRef,
  connectionId: string,
  archive: Readable,
  options: { pattern?: string; replace: boolean }
): Promise<RestorePlan> {
  const target = await targetRdbVersion(project, connectionId)
  const matches = patternMatcher(options.pattern)
  const builder = planBuilder()
  for await (const item of readBackup(archive)) {
    if (!Array.isArray(item)) {
      assertReadable(item, target)
      continue
    }
    const entries = item.filter(matches)
    if (!entries.length) continue
    const exists = await withDatabaseClient(project, 'redis', connectionId, async (client) => {
      const pipeline = client.native.pipeline()
      for (const entry of entries) pipeline.exists(Buffer.from(entry.k, 'base64'))
      return ((await pipeline.exec()) ?? []).map(([, count]) => count === 1)
    })
    entries.forEach((entry, index) => {
      const name = Buffer.from(entry.k, 'base64').toString('utf8')
      builder.add(exists[index] ? (options.replace ? 'overwrite' : 'keep') : 'create', name)
    })
  }
  return builder.plan
}

/**
 * RESTORE of every matching key with its absolute expiry (time spent since the backup counts; a key
 * whose expiry passed is skipped). Without replace an existing key is kept (BUSYKEY), never changed.
 */
export async function runRedisRestore(
  project: ProjectRef,
  connectionId: string,
  archive: Readable,
  options: { pattern?: string; replace: boolean },
  onProgress: (progress: EngineProgress) => void
): Promise<{ restored: number; kept: number; expired: number }> {
  const target = await targetRdbVersion(project, connectionId)
  const matches = patternMatcher(options.pattern)
  const counts = { restored: 0, kept: 0, expired: 0 }
  for await (const item of readBackup(archive)) {
    if (!Array.isArray(item)) {
      assertReadable(item, target)
      continue
    }
    const now = Date.now()
    const entries = item.filter(matches).filter((entry) => {
      const live = entry.x === null || entry.x > now
      if (!live) counts.expired++
      return live
    })
    if (!entries.length) continue
    const replies = await withDatabaseClient(project, 'redis', connectionId, async (client) => {
      const pipeline = client.native.pipeline()
      for (const entry of entries) {
        const args: (string | number | Buffer)[] = [Buffer.from(entry.k, 'base64'), entry.x ?? 0, Buffer.from(entry.d, 'base64')]
        if (options.replace) args.push('REPLACE')
        if (entry.x !== null) args.push('ABSTTL')
        pipeline.call('RESTORE', ...args)
      }
      return (await pipeline.exec()) ?? []
    })
    for (const [error] of replies) {
      if (!error) counts.restored++
      else if (/BUSYKEY/.test(error.message)) counts.kept++
      else throw new ValidationError(`Redis refused a key: ${error.message}`, undefined, 'RESTORE_FAILED')
    }
    onProgress({ current: `${counts.restored} keys`, done: counts.restored + counts.kept, total: null })
  }
  return counts
}
