import { randomUUID } from 'node:crypto'

import Redis from 'ioredis'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { REDIS_URL } from '../helpers/services'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** The database this file fills; it is one of the indexes reserved for these tests. */
const DB = 13

async function keyspaceOf(redis: Redis): Promise<{ keys: number; expires: number }> {
  const line = (await redis.info('keyspace')).split(/\r?\n/).find((entry) => entry.startsWith(`db${DB}:`))
  const fields = Object.fromEntries((line?.slice(`db${DB}:`.length) ?? '').split(',').map((pair) => pair.split('=')))
  return { keys: Number(fields.keys ?? 0), expires: Number(fields.expires ?? 0) }
}

async function deleteKeys(redis: Redis, pattern: string) {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
    if (keys.length) await redis.unlink(...keys)
    cursor = next
  } while (cursor !== '0')
}

describe('Redis overview in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis
  const testId = `ui-overview-${randomUUID().slice(0, 8)}`

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'light' })
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'stats-cache', options: { db: DB } })
    redis = new Redis(`${REDIS_URL}/${DB}`)
    const pipeline = redis.pipeline()
    for (let index = 0; index < 120; index++) {
      if (index < 30) pipeline.set(`${testId}:key:${index}`, `value ${index}`, 'EX', 3600)
      else pipeline.set(`${testId}:key:${index}`, `value ${index}`)
    }
    await pipeline.exec()
  })

  afterAll(async () => {
    if (redis) {
      await deleteKeys(redis, `${testId}:*`)
      redis.disconnect()
    }
    await browser?.close()
    await env?.stop()
  })

  it('shows INFO by section, charts samples of the counters and the keyspace of the filled database', async () => {
    const page: Page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis/overview`)

    // INFO: sections open or folded, the server's own version in the server section.
    const info = page.getByRole('region', { name: 'Server info' })
    const version = (await redis.info('server')).match(/redis_version:(\S+)/)?.[1]
    expect(version).toBeTruthy()
    const serverSection = info.locator('details').filter({ has: page.locator('summary', { hasText: /^server/ }) })
    await serverSection.locator('div').filter({ hasText: 'redis_version' }).filter({ hasText: version as string }).first().waitFor()
    expect(await serverSection.getAttribute('open')).not.toBeNull()
    const statsSection = info.locator('details').filter({ has: page.locator('summary', { hasText: /^stats/ }) })
    expect(await statsSection.getAttribute('open')).toBeNull()
    await statsSection.locator('summary').click()
    await statsSection.getByText('total_commands_processed').waitFor()

    // The charts fill as samples arrive (one every 2 s, kept in the page).
    const opsChart = page.getByRole('region', { name: 'Operations per second' })
    await page.waitForFunction(() => Number(document.querySelector('[aria-label="Operations per second"]')?.getAttribute('data-points')) >= 3, undefined, {
      timeout: 30_000,
    })
    // Each sample is an INFO command, so the counter moved between any two samples: ops/s is above zero.
    const opsFigure = Number((await opsChart.getByTestId('figure-opsPerSec').textContent())?.replace(/,/g, ''))
    expect(opsFigure).toBeGreaterThan(0)
    for (const title of ['Operations per second', 'Memory used', 'Connected clients']) {
      const path = page.getByRole('region', { name: title }).locator('path.recharts-area-curve')
      expect(await path.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+[LC]/)
    }
    const clients = Number(await page.getByTestId('figure-connectedClients').textContent())
    expect(clients).toBeGreaterThan(0)
    expect(await page.getByTestId('figure-usedMemory').textContent()).toMatch(/^\d+(\.\d)? (B|KB|MB|GB)$/)
    await page.getByTestId('stats-samples').filter({ hasText: /^([3-9]|\d{2,}) samples/ }).waitFor()

    // The keyspace row of the filled database matches what Redis itself says (only this file uses db 13).
    const expected = await keyspaceOf(redis)
    expect(expected.keys).toBeGreaterThanOrEqual(120)
    expect(expected.expires).toBeGreaterThanOrEqual(30)
    const row = page.getByRole('table', { name: 'Keyspace per database' }).locator(`tr[data-db="${DB}"]`)
    await row.getByText('this connection').waitFor()
    const cells = row.getByRole('cell')
    await expect.poll(async () => (await cells.nth(1).textContent())?.trim()).toBe(expected.keys.toLocaleString('en-US'))
    expect((await cells.nth(2).textContent())?.trim()).toBe(expected.expires.toLocaleString('en-US'))

    // The page scrolls inside <main>: back to the charts for the screenshots.
    await page.locator('main').evaluate((element) => element.scrollTo({ top: 0 }))
    await saveScreenshot(page, 'redis-overview-light')
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    // Controls fade their colours (transition-colors): the screenshot waits until they are done.
    await page.locator('html.dark').waitFor({ state: 'attached' })
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))))
    await saveScreenshot(page, 'redis-overview-dark')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
