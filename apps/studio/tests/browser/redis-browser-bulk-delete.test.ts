import type Redis from 'ioredis'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { ownedRedisDatabase, scanProgress, seedKeys, waitForScan } from './harness/redis-browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Shared Redis database 12 belongs to this file while it runs (emptied before and after). */
const DB = 12
// Enough keys that the job outlives a few of the dialog's half-second polls.
const DOOMED = 200_000
const KEPT = 1_000

/** Records every value the progress bar takes, from inside the page (no polling from the test). */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { progressSeen: number[] }).progressSeen = seen
    const observe = () => {
      const bar = document.querySelector('[role="progressbar"]')
      if (!bar) return false
      seen.push(Number(bar.getAttribute('aria-valuenow')))
      new MutationObserver(() => seen.push(Number(bar.getAttribute('aria-valuenow')))).observe(bar, { attributes: true })
      return true
    }
    if (!observe()) {
      const waiting = new MutationObserver(() => observe() && waiting.disconnect())
      waiting.observe(document.body, { childList: true, subtree: true })
    }
  })
}

describe('Redis → Browser: bulk delete by pattern', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis

  beforeAll(async () => {
    redis = await ownedRedisDatabase(DB)
    env = await startBrowserStudio()
    browser = await launchBrowser()
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'bulk-db', options: { db: DB } })
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    await redis?.flushdb()
    redis?.disconnect()
  })

  async function seed() {
    await redis.flushdb()
    await seedKeys(redis, DOOMED, (pipeline, index) => pipeline.set(`doomed:${index}`, '1'))
    await seedKeys(redis, KEPT, (pipeline, index) => pipeline.set(`kept:${index}`, '1'))
  }

  async function startBulkDelete(page: Page, pattern: string) {
    await page.getByRole('button', { name: 'Bulk delete' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete keys by pattern' })
    await dialog.getByLabel('Pattern', { exact: true }).fill(pattern)
    const confirm = dialog.getByRole('button', { name: 'Delete matching keys' })
    expect(await confirm.isDisabled()).toBe(true)
    await dialog.getByLabel('Confirm pattern').fill(pattern)
    await recordProgress(page)
    await confirm.click()
    return dialog
  }

  it('deletes 200,000 keys with a progress bar that moves and reaches the end', async () => {
    await seed()
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await waitForScan(page, '*')
    expect((await scanProgress(page)).total).toBe(DOOMED + KEPT)

    const dialog = await startBulkDelete(page, 'doomed:*')
    await dialog.getByTestId('bulk-delete-state').filter({ hasText: 'completed' }).waitFor()
    const bar = dialog.getByRole('progressbar', { name: 'Bulk delete progress' })
    expect(await bar.getAttribute('aria-valuenow')).toBe('100')
    expect(await dialog.getByTestId('bulk-delete-figures').textContent()).toContain(`${DOOMED.toLocaleString('en-US')} keys deleted`)
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen)
    // The bar only ever went up, and ended full. (Whether a poll lands mid-job depends on how fast
    // the machine deletes; progress while a job runs is asserted through the API, with small batches,
    // in tests/integration/redis-bulk-delete.test.ts.)
    expect(seen.at(-1)).toBe(100)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))

    expect(await redis.dbsize()).toBe(KEPT)
    expect((await redis.scan('0', 'MATCH', 'doomed:*', 'COUNT', 10_000))[1]).toEqual([])
    await saveScreenshot(page, 'redis-browser-bulk-delete-done')

    await dialog.getByRole('button', { name: 'Done' }).click()
    await waitForScan(page, '*')
    expect((await scanProgress(page)).total).toBe(KEPT)
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('cancels a running bulk delete; the keys deleted before the cancel stay deleted', async () => {
    await seed()
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await waitForScan(page, '*')

    const dialog = await startBulkDelete(page, 'doomed:*')
    await dialog.getByRole('button', { name: 'Cancel job' }).click()
    await dialog.getByTestId('bulk-delete-state').filter({ hasText: /cancelled|completed/ }).waitFor()
    const state = await dialog.getByTestId('bulk-delete-state').textContent()
    const remaining = await redis.dbsize()
    if (state === 'cancelled') {
      await dialog.getByText('Cancelled: keys deleted before the cancel stay deleted.').waitFor()
      expect(remaining).toBeGreaterThan(KEPT)
    } else {
      // The job had already walked the whole keyspace when the cancel arrived.
      expect(remaining).toBe(KEPT)
    }
    expect(remaining).toBeLessThanOrEqual(DOOMED + KEPT)
    const figures = (await dialog.getByTestId('bulk-delete-figures').textContent()) ?? ''
    const deleted = Number(/([\d,]+) keys deleted/.exec(figures)?.[1].replace(/,/g, ''))
    expect(deleted).toBe(DOOMED + KEPT - remaining)

    await saveScreenshot(page, 'redis-browser-bulk-delete-cancelled')
    await dialog.getByRole('button', { name: 'Done' }).click()
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
