import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { filterToCompletion, keyRows, ownedRedisDatabase, scanProgress, seedKeys, waitForScan } from './harness/redis-browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Shared Redis database 10 belongs to this file (emptied before and after). */
const DB = 10
const USERS = 60_000
const SESSIONS = 30_000
const CARTS = 200
const CACHE_ENTRIES = 9_800
const TOTAL = USERS + SESSIONS + CARTS + CACHE_ENTRIES

describe('Redis → Browser over a keyspace of 100k keys', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis

  beforeAll(async () => {
    redis = await ownedRedisDatabase(DB)
    await seedKeys(redis, USERS, (pipeline, index) => pipeline.set(`app:user:${index}`, `{"id":${index}}`))
    await seedKeys(redis, SESSIONS, (pipeline, index) => pipeline.set(`app:session:${index}`, 'token', 'EX', 7200))
    await seedKeys(redis, CARTS, (pipeline, index) => pipeline.hset(`app:cart:${index}`, 'items', String(index)))
    await seedKeys(redis, CACHE_ENTRIES, (pipeline, index) => pipeline.set(`cache/${index % 2 ? 'eu' : 'us'}/${index}`, 'x'))
    expect(await redis.dbsize()).toBe(TOTAL)

    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'big-keyspace', options: { db: DB } })
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    await redis?.flushdb()
    redis?.disconnect()
  })

  it('pages through SCAN with a progress figure, keeps the DOM small, filters by pattern and type', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await page.getByRole('heading', { name: 'big-keyspace' }).waitFor()
    await waitForScan(page, '*')
    const first = await scanProgress(page)
    expect(first.total).toBe(TOTAL)
    expect(first.complete).toBe(false)
    expect(first.loaded).toBeGreaterThan(0)
    expect(first.scanned).toBeLessThan(TOTAL)

    await page.getByRole('button', { name: 'Load more' }).click()
    await page.waitForFunction((before) => {
      const text = document.querySelector('[data-testid="scan-progress"]')?.textContent ?? ''
      return Number(text.split(' ')[0].replace(/,/g, '')) > before
    }, first.loaded)
    const second = await scanProgress(page)
    expect(second.scanned).toBeGreaterThan(first.scanned)
    // Hundreds of keys are loaded; the virtual list renders only the rows in view.
    expect(second.loaded).toBeGreaterThan(first.loaded)
    expect(await keyRows(page).count()).toBeLessThan(80)

    // Scrolling to the end of the loaded keys brings the last ones into the DOM.
    await page.getByTestId('key-list').evaluate((list) => list.scrollTo(0, list.scrollHeight))
    await expect.poll(() => keyRows(page).last().isVisible()).toBe(true)

    // A pattern: 42, 420–429 and 4200–4299 among the 30,000 sessions.
    await filterToCompletion(page, 'app:session:42*')
    const sessions = await scanProgress(page)
    expect(sessions).toMatchObject({ loaded: 111, total: TOTAL, complete: true })
    const names = await page.getByTestId('key-name').allTextContents()
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(name).toMatch(/^app:session:42\d*$/)
    // Sessions carry a TTL badge; strings a type badge.
    await expect.poll(() => keyRows(page).first().getByTestId('key-ttl').textContent()).toMatch(/^(1h|2h|\d+m)$/)
    expect(await keyRows(page).first().getByTestId('key-type').textContent()).toBe('string')

    // The type filter: only the 200 hashes.
    await page.getByRole('textbox', { name: 'Key pattern' }).fill('*')
    await page.getByRole('textbox', { name: 'Key pattern' }).press('Enter')
    await page.getByRole('combobox', { name: 'Key type' }).selectOption('hash')
    for (;;) {
      await waitForScan(page, '*', 'hash')
      if ((await scanProgress(page)).complete) break
      await page.getByRole('button', { name: 'Load more' }).click()
    }
    expect((await scanProgress(page)).loaded).toBe(CARTS)
    const types = await page.getByTestId('key-list').getByTestId('key-type').allTextContents()
    expect(new Set(types)).toEqual(new Set(['hash']))

    await saveScreenshot(page, 'redis-browser-type-filter')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('groups keys into folders by a configurable delimiter in the tree view', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await waitForScan(page, '*')
    await filterToCompletion(page, 'app:session:42*')
    await page.getByRole('button', { name: 'Tree view' }).click()

    const tree = page.getByRole('tree', { name: 'Keys' })
    await tree.getByRole('treeitem', { name: 'app: (111)' }).click()
    await tree.getByRole('treeitem', { name: 'app:session: (111)' }).click()
    await tree.getByRole('treeitem', { name: 'app:session:420', exact: true }).waitFor()
    expect(await tree.getByRole('treeitem', { name: 'app:session:420', exact: true }).textContent()).toContain('420')

    // Another delimiter: the cache keys are written with '/'.
    await filterToCompletion(page, 'cache/eu/1*')
    await page.getByRole('textbox', { name: 'Delimiter' }).fill('/')
    const expected = (await redis.keys('cache/eu/1*')).length
    await tree.getByRole('treeitem', { name: `cache/ (${expected})` }).click()
    await tree.getByRole('treeitem', { name: `cache/eu/ (${expected})` }).click()
    // Selecting a leaf opens the key.
    await tree.getByRole('treeitem', { name: 'cache/eu/1', exact: true }).click()
    await page.getByTestId('selected-key-name').filter({ hasText: 'cache/eu/1' }).waitFor()
    expect(await page.getByRole('textbox', { name: 'String value' }).inputValue()).toBe('x')

    await saveScreenshot(page, 'redis-browser-tree-view')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
