import type Redis from 'ioredis'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { filterToCompletion, ownedRedisDatabase } from './harness/redis-browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Shared Redis database 11 belongs to this file (emptied before and after). */
const DB = 11

describe('Redis → Browser: creating, editing and deleting keys', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis
  let page: Page

  beforeAll(async () => {
    redis = await ownedRedisDatabase(DB)
    env = await startBrowserStudio()
    browser = await launchBrowser()
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'edit-db', options: { db: DB } })
    page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis`)
    await page.getByRole('heading', { name: 'edit-db' }).waitFor()
    await page.getByText('No keys match in this database').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    await redis?.flushdb()
    redis?.disconnect()
  })

  const panel = () => page.getByRole('region', { name: 'Key details' })

  /** Fills the "Add key" dialog: rows are the inputs of each value row (a single text for string). */
  async function addKey(name: string, type: string, value: string | string[][], ttl?: number) {
    await page.getByRole('button', { name: 'Add key' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add key' })
    await dialog.getByLabel('Key name').fill(name)
    await dialog.getByLabel('Type').selectOption(type)
    if (ttl) await dialog.getByLabel('TTL (seconds)').fill(String(ttl))
    if (typeof value === 'string') {
      await dialog.getByLabel('Value', { exact: true }).fill(value)
    } else {
      for (const [index, row] of value.entries()) {
        if (index > 0) await dialog.getByRole('button', { name: 'Add row' }).click()
        const inputs = dialog.locator('fieldset input')
        for (const [at, cell] of row.entries()) await inputs.nth(index * row.length + at).fill(cell)
      }
    }
    await dialog.getByRole('button', { name: 'Add key' }).click()
    await dialog.waitFor({ state: 'detached' })
    await panel().getByTestId('selected-key-name').filter({ hasText: name }).waitFor()
  }

  async function deleteSelectedKey(name: string) {
    await panel().getByRole('button', { name: 'Delete key' }).click()
    await page.getByRole('dialog', { name: 'Delete key' }).getByRole('button', { name: 'Delete key' }).click()
    await page.getByText('Select a key').waitFor()
    expect(await redis.exists(name)).toBe(0)
    expect(await page.getByRole('treeitem', { name, exact: true }).count()).toBe(0)
  }

  const row = (text: string): Locator => panel().getByRole('row').filter({ hasText: text })

  it('a string: create, edit as text and JSON, rename, delete', async () => {
    await addKey('crud:string', 'string', 'hello')
    expect(await redis.get('crud:string')).toBe('hello')
    await page.getByRole('treeitem', { name: 'crud:string', exact: true }).waitFor()

    await panel().getByRole('textbox', { name: 'String value' }).fill('{"greeting":"hi"}')
    await panel().getByRole('button', { name: 'Save value' }).click()
    await expect.poll(() => redis.get('crud:string')).toBe('{"greeting":"hi"}')

    await panel().getByRole('tab', { name: 'JSON' }).click()
    await panel().locator('.cm-content').getByText('"greeting"').waitFor()
    await panel().getByRole('tab', { name: 'Hex' }).click()
    expect(await panel().getByTestId('hex-view').textContent()).toContain('7b 22 67 72')

    await panel().getByRole('button', { name: 'Rename' }).click()
    const dialog = page.getByRole('dialog', { name: 'Rename key' })
    await dialog.getByLabel('New name').fill('crud:string-renamed')
    await dialog.getByRole('button', { name: 'Rename' }).click()
    await panel().getByTestId('selected-key-name').filter({ hasText: 'crud:string-renamed' }).waitFor()
    expect(await redis.exists('crud:string')).toBe(0)
    expect(await redis.get('crud:string-renamed')).toBe('{"greeting":"hi"}')
    await page.getByRole('treeitem', { name: 'crud:string-renamed', exact: true }).waitFor()

    await deleteSelectedKey('crud:string-renamed')
  })

  it('a hash: create, add, edit and delete fields, delete', async () => {
    await addKey('crud:hash', 'hash', [
      ['name', 'Ada'],
      ['lang', 'en'],
    ])
    expect(await redis.hgetall('crud:hash')).toEqual({ name: 'Ada', lang: 'en' })

    await panel().getByRole('textbox', { name: 'Field' }).fill('city')
    await panel().getByRole('textbox', { name: 'Value' }).fill('London')
    await panel().getByRole('button', { name: 'Add field' }).click()
    await row('London').waitFor()

    await panel().getByRole('button', { name: 'Edit name' }).click()
    await panel().getByRole('textbox', { name: 'New value of name' }).fill('Grace')
    await panel().getByRole('button', { name: 'Save name' }).click()
    await row('Grace').waitFor()

    await panel().getByRole('button', { name: 'Delete lang' }).click()
    await expect.poll(() => row('lang').count()).toBe(0)
    expect(await redis.hgetall('crud:hash')).toEqual({ name: 'Grace', city: 'London' })
    await page.getByTestId('selected-key-length').filter({ hasText: '2 fields' }).waitFor()

    await deleteSelectedKey('crud:hash')
  })

  it('field names a JS object would lose: __proto__, constructor, numeric; a stream entry repeating a field', async () => {
    const hashPairs = [
      ['zeta', 'first'],
      ['__proto__', 'proto value'],
      ['constructor', 'ctor'],
      ['10', 'ten'],
      ['2', 'two'],
    ]
    await addKey('pairs:hash', 'hash', hashPairs)
    // The raw reply (not ioredis's object form, which has the same problem) in the order Redis keeps.
    expect(await redis.call('HGETALL', 'pairs:hash')).toEqual(hashPairs.flat())
    const shown = await panel().getByRole('row').allTextContents()
    expect(shown.slice(1).map((text) => text.replace(/\s+/g, ''))).toEqual(hashPairs.map(([field, value]) => `${field}${value}`.replace(/\s+/g, '')))

    await panel().getByRole('button', { name: 'Edit __proto__' }).click()
    await panel().getByRole('textbox', { name: 'New value of __proto__' }).fill('edited')
    await panel().getByRole('button', { name: 'Save __proto__' }).click()
    await row('edited').waitFor()
    expect(await redis.call('HGET', 'pairs:hash', '__proto__')).toBe('edited')
    await saveScreenshot(page, 'redis-browser-hash-proto-field')
    await deleteSelectedKey('pairs:hash')

    await addKey('pairs:stream', 'stream', [
      ['b', '1'],
      ['10', '2'],
      ['b', '3'],
    ])
    const [[, fields]] = (await redis.xrange('pairs:stream', '-', '+')) as Array<[string, string[]]>
    expect(fields).toEqual(['b', '1', '10', '2', 'b', '3'])
    await row('b=1  10=2  b=3').waitFor()

    // The stream editor's own form adds one entry of several fields, a repeated one included.
    for (const [index, [field, value]] of [['dup', 'x'], ['__proto__', 'p'], ['dup', 'y']].entries()) {
      if (index > 0) await panel().getByRole('button', { name: 'Add field to entry' }).click()
      await panel().getByRole('textbox', { name: `Field ${index + 1}`, exact: true }).fill(field)
      await panel().getByRole('textbox', { name: `Value ${index + 1}`, exact: true }).fill(value)
    }
    await panel().getByRole('button', { name: 'Add entry', exact: true }).click()
    await row('dup=x  __proto__=p  dup=y').waitFor()
    const entries = (await redis.xrange('pairs:stream', '-', '+')) as Array<[string, string[]]>
    expect(entries.map(([, entryFields]) => entryFields)).toEqual([
      ['b', '1', '10', '2', 'b', '3'],
      ['dup', 'x', '__proto__', 'p', 'dup', 'y'],
    ])
    await saveScreenshot(page, 'redis-browser-stream-repeated-fields')
    await deleteSelectedKey('pairs:stream')
  })

  it('a list: create, push, set and remove items, delete', async () => {
    await addKey('crud:list', 'list', [['a'], ['b']])
    expect(await redis.lrange('crud:list', 0, -1)).toEqual(['a', 'b'])

    await panel().getByRole('textbox', { name: 'Item' }).fill('c')
    await panel().getByRole('button', { name: 'Push item' }).click()
    await row('c').waitFor()

    await panel().getByRole('button', { name: 'Edit item 0' }).click()
    await panel().getByRole('textbox', { name: 'New item of item 0' }).fill('A')
    await panel().getByRole('button', { name: 'Save item 0' }).click()
    await expect.poll(() => redis.lrange('crud:list', 0, -1)).toEqual(['A', 'b', 'c'])

    await panel().getByRole('button', { name: 'Delete item 1' }).click()
    await expect.poll(() => redis.lrange('crud:list', 0, -1)).toEqual(['A', 'c'])
    await page.getByTestId('selected-key-length').filter({ hasText: '2 items' }).waitFor()

    await deleteSelectedKey('crud:list')
  })

  it('a set: create, add, replace and remove members, delete', async () => {
    await addKey('crud:set', 'set', [['red'], ['green']])
    expect((await redis.smembers('crud:set')).sort()).toEqual(['green', 'red'])

    await panel().getByRole('textbox', { name: 'Member' }).fill('blue')
    await panel().getByRole('button', { name: 'Add member' }).click()
    await row('blue').waitFor()

    await panel().getByRole('button', { name: 'Edit red' }).click()
    await panel().getByRole('textbox', { name: 'New member of red' }).fill('crimson')
    await panel().getByRole('button', { name: 'Save red' }).click()
    await row('crimson').waitFor()

    await panel().getByRole('button', { name: 'Delete green' }).click()
    await expect.poll(async () => (await redis.smembers('crud:set')).sort()).toEqual(['blue', 'crimson'])

    await deleteSelectedKey('crud:set')
  })

  it('a sorted set: create, add, change a score and remove members, delete', async () => {
    await addKey('crud:zset', 'zset', [
      ['alice', '10'],
      ['bob', '20'],
    ])
    expect(await redis.zrange('crud:zset', '0', '-1', 'WITHSCORES')).toEqual(['alice', '10', 'bob', '20'])

    await panel().getByRole('textbox', { name: 'Member' }).fill('carol')
    await panel().getByRole('textbox', { name: 'Score' }).fill('5')
    await panel().getByRole('button', { name: 'Add member' }).click()
    await row('carol').waitFor()

    await panel().getByRole('button', { name: 'Edit alice' }).click()
    await panel().getByRole('textbox', { name: 'New score of alice' }).fill('30.5')
    await panel().getByRole('button', { name: 'Save alice' }).click()
    await expect.poll(() => redis.zscore('crud:zset', 'alice')).toBe('30.5')

    await panel().getByRole('button', { name: 'Delete bob' }).click()
    await expect.poll(() => redis.zrange('crud:zset', '0', '-1', 'WITHSCORES')).toEqual(['carol', '5', 'alice', '30.5'])

    await deleteSelectedKey('crud:zset')
  })

  it('a stream: create, add and delete entries, see its consumer groups, delete', async () => {
    await addKey('crud:stream', 'stream', [['event', 'signup']])
    expect(await redis.xlen('crud:stream')).toBe(1)
    await redis.xgroup('CREATE', 'crud:stream', 'mailers', '0')
    await page.reload()
    await page.getByRole('treeitem', { name: 'crud:stream', exact: true }).click()
    await panel().getByRole('region', { name: 'Consumer groups' }).getByRole('row').filter({ hasText: 'mailers' }).waitFor()

    await panel().getByRole('textbox', { name: 'Field 1' }).fill('event')
    await panel().getByRole('textbox', { name: 'Value 1' }).fill('login')
    await panel().getByRole('button', { name: 'Add entry' }).click()
    await row('event=login').waitFor()
    expect(await redis.xlen('crud:stream')).toBe(2)

    const [[firstId]] = (await redis.xrange('crud:stream', '-', '+')) as Array<[string, string[]]>
    await panel().getByRole('button', { name: `Delete entry ${firstId}` }).click()
    await expect.poll(() => redis.xlen('crud:stream')).toBe(1)
    await expect.poll(() => row('event=signup').count()).toBe(0)

    await saveScreenshot(page, 'redis-browser-stream')
    await deleteSelectedKey('crud:stream')
  })

  it('edits a TTL: set from the panel, shown in the list and the panel, then removed', async () => {
    await addKey('crud:ttl', 'string', 'expiring', 600)
    const ttl = await redis.ttl('crud:ttl')
    expect(ttl).toBeGreaterThan(500)
    expect(ttl).toBeLessThanOrEqual(600)
    await page.getByRole('treeitem', { name: 'crud:ttl', exact: true }).getByTestId('key-ttl').filter({ hasText: /^(9|10)m$/ }).waitFor()

    await panel().getByRole('textbox', { name: 'TTL in seconds' }).fill('7200')
    await panel().getByRole('button', { name: 'Set TTL' }).click()
    await panel().getByTestId('selected-key-ttl').filter({ hasText: /^(1|2)h$/ }).waitFor()
    expect(await redis.ttl('crud:ttl')).toBeGreaterThan(7000)
    await page.getByRole('treeitem', { name: 'crud:ttl', exact: true }).getByTestId('key-ttl').filter({ hasText: /^(1|2)h$/ }).waitFor()

    await panel().getByRole('button', { name: 'Remove TTL' }).click()
    await panel().getByTestId('selected-key-ttl').filter({ hasText: 'No TTL' }).waitFor()
    expect(await redis.ttl('crud:ttl')).toBe(-1)
    await expect.poll(() => page.getByRole('treeitem', { name: 'crud:ttl', exact: true }).getByTestId('key-ttl').count()).toBe(0)

    await saveScreenshot(page, 'redis-browser-ttl')
    assertOnlyLoopbackRequests(browser)
  })

  describe('a read_only member', () => {
    let reader: TestUser

    beforeAll(async () => {
      reader = await project.member('read_only')
      await redis.set('ro:greeting', 'hello')
      await redis.hset('ro:profile', 'name', 'Ada')
    })

    it('sees keys and values but no write control, and a forced write from the page is refused', async () => {
      const readerPage = await openSignedIn(browser.context, env.studio.url, reader, `/project/${project.ref}/redis`)
      await readerPage.getByRole('heading', { name: 'edit-db' }).waitFor()
      await filterToCompletion(readerPage, 'ro:*')
      await readerPage.getByRole('treeitem', { name: 'ro:profile', exact: true }).click()
      const readerPanel = readerPage.getByRole('region', { name: 'Key details' })
      await readerPanel.getByRole('row').filter({ hasText: 'Ada' }).waitFor()
      await readerPage.getByRole('treeitem', { name: 'ro:greeting', exact: true }).click()
      const value = readerPanel.getByRole('textbox', { name: 'String value' })
      await value.waitFor()
      expect(await value.inputValue()).toBe('hello')
      expect(await value.getAttribute('readonly')).not.toBeNull()

      for (const name of ['Add key', 'Bulk delete', 'Delete key', 'Rename', 'Set TTL', 'Save value', 'Test again']) {
        expect(await readerPage.getByRole('button', { name, exact: true }).count()).toBe(0)
      }
      expect(await readerPage.getByRole('textbox', { name: 'TTL in seconds' }).count()).toBe(0)
      await readerPage.getByRole('treeitem', { name: 'ro:profile', exact: true }).click()
      await readerPanel.getByRole('row').filter({ hasText: 'Ada' }).waitFor()
      expect(await readerPanel.getByRole('button', { name: /^(Edit|Delete|Add) / }).count()).toBe(0)
      expect(await readerPanel.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0)

      const attempts = await readerPage.evaluate(
        async ({ ref, token }) => {
          const call = async (method: string, path: string, body?: unknown) => {
            const response = await fetch(path, {
              method,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: body === undefined ? undefined : JSON.stringify(body),
            })
            return { status: response.status, body: await response.json() }
          }
          const keys = `/api/platform/redis/${ref}/keys`
          return [
            await call('PUT', `${keys}/ro%3Agreeting`, { action: 'set', value: 'hacked' }),
            await call('POST', `${keys}/ro%3Anew`, { type: 'string', value: 'sneaky' }),
            await call('POST', `${keys}/ro%3Agreeting/expire`, { seconds: 1 }),
            await call('DELETE', `${keys}/ro%3Aprofile`),
            await call('POST', `${keys}/bulk-delete`, { pattern: 'ro:*' }),
          ]
        },
        { ref: project.ref, token: reader.token }
      )
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403)
        expect(attempt.body.error.code).toBe('FORBIDDEN')
      }
      expect(await redis.get('ro:greeting')).toBe('hello')
      expect(await redis.ttl('ro:greeting')).toBe(-1)
      expect(await redis.exists('ro:new')).toBe(0)
      expect(await redis.hgetall('ro:profile')).toEqual({ name: 'Ada' })

      await saveScreenshot(readerPage, 'redis-browser-read-only')
      assertOnlyLoopbackRequests(browser)
      await readerPage.close()
    })
  })
})
