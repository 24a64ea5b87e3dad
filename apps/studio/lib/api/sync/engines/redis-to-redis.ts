import { z } from 'zod'

import { withDatabaseClient } from '../../database/helpers'
import type { RedisClient } from '../../database/redis-client'
import type { EngineContext } from './types'

/** Where a copy resumes: the SCAN cursor after the last batch restored in the target. */
const checkpointSchema = z.object({ cursor: z.string().regex(/^\d+$/) }).strict()

type Restore = { key: Buffer; dump: Buffer; expireAt: number }

async function readBatch(client: RedisClient, context: EngineContext, cursor: string): Promise<{ next: string; items: Restore[]; bytes: number }> {
  const { scope, batchSize } = context.definition
  const types = scope.keyTypes
  const scanArgs: Array<string | number> = ['MATCH', scope.keyPattern ?? '*', 'COUNT', batchSize]
  // SCAN takes one TYPE: a single wanted type is filtered by the server, several by a TYPE per key.
  if (types?.length === 1) scanArgs.push('TYPE', types[0])
  const [next, keys] = await client.native.scanBuffer(cursor, ...(scanArgs as ['MATCH', string, 'COUNT', number]))
  if (keys.length === 0) return { next: next.toString(), items: [], bytes: 0 }
  const pipeline = client.native.pipeline()
  for (const key of keys) {
    pipeline.dumpBuffer(key)
    pipeline.pexpiretime(key)
    if (types && types.length > 1) pipeline.type(key)
  }
  const replies = (await pipeline.exec()) ?? []
  const stride = types && types.length > 1 ? 3 : 2
  const items: Restore[] = []
  let bytes = 0
  keys.forEach((key, index) => {
    const [dumpError, dump] = replies[index * stride]
    const [, expireAt] = replies[index * stride + 1]
    if (dumpError) throw dumpError
    // A key that expired or was deleted between SCAN and DUMP is simply not there to copy.
    if (!dump || Number(expireAt) === -2) return
    if (stride === 3 && !types!.includes(String(replies[index * stride + 2][1]) as NonNullable<typeof types>[number])) return
    items.push({ key, dump: dump as Buffer, expireAt: Number(expireAt) })
    bytes += key.length + (dump as Buffer).length
  })
  return { next: next.toString(), items, bytes }
}

/**
 * RESTOREs a batch with its absolute expiry (ABSTTL), so a key keeps the moment it expires however
 * long the copy took. `overwrite` replaces an existing key; `skip` leaves it; `error` fails, except
 * in a batch being redone after a lost worker, where an existing key is this job's own earlier copy.
 */
async function restoreBatch(client: RedisClient, items: Restore[], policy: string, redo: boolean): Promise<number> {
  const pipeline = client.native.pipeline()
  for (const item of items) {
    const args: Array<string | number | Buffer> = [item.key, item.expireAt > 0 ? item.expireAt : 0, item.dump]
    if (item.expireAt > 0) args.push('ABSTTL')
    if (policy === 'overwrite') args.push('REPLACE')
    pipeline.call('RESTORE', ...args)
  }
  const replies = (await pipeline.exec()) ?? []
  let restored = 0
  for (const [error] of replies) {
    if (!error) restored++
    else if (!/BUSYKEY/.test(error.message) || (policy === 'error' && !redo)) throw error
  }
  return restored
}

/**
 * Redis → Redis: SCAN + pipelined DUMP/PEXPIRETIME from the source, pipelined RESTORE into the
 * target, the SCAN cursor saved after every batch (SCAN cursors are stateless, so any instance can
 * continue). Keys whose TTL passes during the copy may be absent from the target, as in the source.
 */
export async function syncRedisToRedis(context: EngineContext): Promise<boolean> {
  const unit = `keys ${context.definition.scope.keyPattern ?? '*'}`
  let cursor = context.checkpoint ? checkpointSchema.parse(context.checkpoint).cursor : '0'
  let redo = context.checkpoint !== null
  if (context.progress.isFinished(unit)) return true
  context.progress.begin(unit, null)
  do {
    const batch = await withDatabaseClient(context.project, 'redis', context.definition.sourceConnectionId, (client: RedisClient) =>
      readBatch(client, context, cursor)
    )
    const restored =
      batch.items.length === 0
        ? 0
        : await withDatabaseClient(context.project, 'redis', context.definition.targetConnectionId, (client: RedisClient) =>
            restoreBatch(client, batch.items, context.definition.conflictPolicy, redo)
          )
    redo = false
    cursor = batch.next
    context.progress.add(unit, batch.items.length, batch.bytes)
    if (restored < batch.items.length && context.definition.conflictPolicy === 'skip') {
      await context.warn(`${batch.items.length - restored} existing keys skipped`, { unit })
    }
    if (cursor === '0') context.progress.finish(unit)
    if (!(await context.save({ cursor }, unit))) return false
  } while (cursor !== '0')
  return true
}
