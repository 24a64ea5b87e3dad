import { readFileSync } from 'node:fs'

import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { filterToCompletion, ownedRedisDatabase, seedKeys } from './harness/redis-browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Shared Redis database 12 belongs to this file while it runs (emptied before and after). */
const DB = 12
const HASH_FIELDS = 100_000
const STRING_BYTES = 5 * 1024 * 1024
const BINARY_KEY = Buffer.from([0xff, 0x00, 0x61, 0x3a, 0x0a])

describe('Redis → Browser with large values', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis

  beforeAll(async () => {
    redis = await ownedRedisDatabase(DB)
    await seedKeys(redis, HASH_FIELDS / 1000, (pipeline, chunk) => {
      const fields: Record<string, string> = {}
      for (let index = chunk * 1000; index < (chunk + 1) * 1000; index++) fields[`field:${index}`] = `value ${index}`
      pipeline.hset('big:hash', fields)
    })
    expect(await redis.hlen('big:hash')).toBe(HASH_FIELDS)
    await redis.set('big:string', 'x'.repeat(STRING_BYTES - 6) + 'THEEND')
    await redis.set(BINARY_KEY, Buffer.from([0xde, 0xad, 0xbe, 0xef]))

    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'large-values', options: { db: DB } })
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    await redis?.flushdb()
    redis?.disconnect()
  })

  it('opens a 100k-field hash page by page while the page keeps handling clicks', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await filterToCompletion(page, 'big:*')
    await page.getByRole('treeitem', { name: 'big:hash', exact: true }).click()
    // While the value loads, another control still responds.
    await page.getByRole('button', { name: 'Tree view' }).click()
    expect(await page.getByRole('button', { name: 'Tree view' }).getAttribute('aria-pressed')).toBe('true')

    const panel = page.getByRole('region', { name: 'Key details' })
    await panel.getByTestId('selected-key-length').filter({ hasText: '100,000 fields' }).waitFor()
    const rows = panel.getByRole('row')
    await expect.poll(() => rows.count()).toBeGreaterThan(50)
    // One page of the hash, not the whole of it.
    expect(await rows.count()).toBeLessThanOrEqual(201)
    const firstPage = await panel.locator('tbody tr td:first-child').allTextContents()

    await panel.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(async () => (await panel.locator('tbody tr td:first-child').allTextContents())[0]).not.toBe(firstPage[0])
    const secondPage = await panel.locator('tbody tr td:first-child').allTextContents()
    expect(secondPage.filter((field) => firstPage.includes(field))).toEqual([])
    await panel.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(async () => (await panel.locator('tbody tr td:first-child').allTextContents())[0]).toBe(firstPage[0])

    // The page is still interactive: the view switch answers.
    await page.getByRole('button', { name: 'List view' }).click()
    expect(await page.getByRole('button', { name: 'List view' }).getAttribute('aria-pressed')).toBe('true')

    await saveScreenshot(page, 'redis-browser-large-hash')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('shows a 5 MB string as a truncated preview with its full length and downloads it whole', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await filterToCompletion(page, 'big:*')
    await page.getByRole('treeitem', { name: 'big:string', exact: true }).click()
    await page.getByRole('button', { name: 'Tree view' }).click()
    expect(await page.getByRole('button', { name: 'Tree view' }).getAttribute('aria-pressed')).toBe('true')

    const panel = page.getByRole('region', { name: 'Key details' })
    const notice = panel.getByTestId('string-truncated')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('5,242,880 bytes')
    const preview = await panel.getByRole('textbox', { name: 'String value' }).inputValue()
    expect(preview.length).toBeLessThan(STRING_BYTES)
    expect(preview.length).toBeGreaterThan(0)
    // A preview cannot be saved back (it would cut the value short).
    expect(await panel.getByRole('button', { name: 'Save value' }).count()).toBe(0)
    await panel.getByRole('tab', { name: 'Hex' }).click()
    expect(await panel.getByTestId('hex-view').textContent()).toContain('78 78 78 78')

    const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download value' }).click()])
    // Chromium may replace the ':' a file name cannot hold on every system.
    expect(download.suggestedFilename()).toMatch(/^big.string$/)
    const file = readFileSync((await download.path()) as string)
    expect(file.length).toBe(STRING_BYTES)
    expect(file.subarray(-6).toString()).toBe('THEEND')

    await page.getByRole('button', { name: 'List view' }).click()
    expect(await page.getByRole('button', { name: 'List view' }).getAttribute('aria-pressed')).toBe('true')
    await saveScreenshot(page, 'redis-browser-large-string')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('shows a binary key name with escapes and opens its value', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await filterToCompletion(page, '*')
    const shown = '\\xff\\x00a:\\x0a'
    const row = page.getByRole('treeitem', { name: shown, exact: true })
    await row.getByText('bin', { exact: true }).waitFor()
    await row.click()
    const panel = page.getByRole('region', { name: 'Key details' })
    expect(await panel.getByTestId('selected-key-name').textContent()).toBe(shown)
    await panel.getByText('binary name').waitFor()
    await panel.getByRole('tab', { name: 'Hex' }).click()
    expect(await panel.getByTestId('hex-view').textContent()).toContain('de ad be ef')

    await saveScreenshot(page, 'redis-browser-binary-key')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
