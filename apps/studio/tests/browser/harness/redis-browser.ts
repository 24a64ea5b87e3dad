import Redis from 'ioredis'
import type { Page } from 'playwright-core'

import { REDIS_URL } from '../../helpers/services'

/**
 * A client on one of the shared Redis databases the Redis browser tests may use (10, 11, 12), emptied
 * first: these tests own those databases and nothing else.
 */
export async function ownedRedisDatabase(db: 10 | 11 | 12): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { db, lazyConnect: true })
  await redis.connect()
  await redis.flushdb()
  return redis
}

/** Writes `count` keys in pipelined chunks; `write` adds the commands for key number `index`. */
export async function seedKeys(redis: Redis, count: number, write: (pipeline: ReturnType<Redis['pipeline']>, index: number) => void) {
  const chunk = 5000
  for (let start = 0; start < count; start += chunk) {
    const pipeline = redis.pipeline()
    for (let index = start; index < Math.min(count, start + chunk); index++) write(pipeline, index)
    const results = await pipeline.exec()
    const failed = results?.find(([error]) => error)
    if (failed) throw failed[0]
  }
}

/** The key list's footer: "<loaded> key(s) loaded · scanned <n> of <total>[ · scan complete]". */
export async function scanProgress(page: Page): Promise<{ loaded: number; scanned: number; total: number; complete: boolean }> {
  const text = (await page.getByTestId('scan-progress').textContent()) ?? ''
  const match = /([\d,]+) keys? loaded · scanned ([\d,]+) of ([\d,]+)/.exec(text)
  if (!match) throw new Error(`unexpected scan progress: ${text}`)
  const number = (value: string) => Number(value.replace(/,/g, ''))
  return { loaded: number(match[1]), scanned: number(match[2]), total: number(match[3]), complete: text.includes('scan complete') }
}

/** Waits until the list shows the finished pages of this filter (pattern and type). */
export async function waitForScan(page: Page, pattern: string, type = '') {
  await page.locator(`[data-testid="scan-progress"][data-filter="${pattern} ${type}"][data-busy="false"]`).waitFor()
}

/** Applies a SCAN pattern and follows "Load more" until the scan went round the keyspace. */
export async function filterToCompletion(page: Page, pattern: string, type = '') {
  const input = page.getByRole('textbox', { name: 'Key pattern' })
  await input.fill(pattern)
  await input.press('Enter')
  for (;;) {
    await waitForScan(page, pattern, type)
    if ((await scanProgress(page)).complete) return
    await page.getByRole('button', { name: 'Load more' }).click()
  }
}

/** The key rows of the list currently in the DOM (the list is virtual: only those in view). */
export const keyRows = (page: Page) => page.getByRole('tree', { name: 'Keys' }).getByRole('treeitem')
