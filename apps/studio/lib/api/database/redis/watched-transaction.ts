import type Redis from 'ioredis'
import type { ChainableCommander } from 'ioredis'

import { ConflictError } from '../errors'

/** Another client changed the key between our check and our EXEC this many times in a row: give up. */
const ATTEMPTS = 3

export type TransactionReplies = Array<[Error | null, unknown]>

/**
 * Check-then-write as one atomic step: WATCH the key, `check` it (throwing leaves nothing written),
 * then `write` queues commands into MULTI. If the key changed in between, EXEC does nothing and the
 * whole step is retried, so a call applies completely or not at all. The pooled client is this
 * request's alone while borrowed, which is what WATCH needs; a failed check UNWATCHes so the next
 * borrower starts clean.
 */
export async function watchedTransaction<Checked>(
  redis: Redis,
  key: Buffer,
  check: () => Promise<Checked>,
  write: (transaction: ChainableCommander, checked: Checked) => void
): Promise<{ replies: TransactionReplies; checked: Checked }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await redis.watch(key)
    // ioredis buffers MULTI client-side until exec(), so a check or a queueing step that throws has
    // sent nothing but the WATCH, which UNWATCH then clears.
    let transaction: ChainableCommander
    let checked: Checked
    try {
      checked = await check()
      transaction = redis.multi()
      write(transaction, checked)
    } catch (error) {
      await redis.unwatch()
      throw error
    }
    const replies = await transaction.exec()
    if (replies === null) continue
    const failed = replies.find(([error]) => error)
    if (failed) throw failed[0]
    return { replies: replies as TransactionReplies, checked }
  }
  throw new ConflictError('The key kept changing while this edit was applied; try again', 'CONCURRENT_MODIFICATION')
}

/** Commands with many arguments are split so no single command carries an enormous argument list. */
export const ARGUMENTS_PER_COMMAND = 1000

export function chunks<T>(items: T[], size = ARGUMENTS_PER_COMMAND): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size))
  return result
}
