import { randomUUID } from 'node:crypto'

import Redis from 'ioredis'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { ownRedisServer } from '../helpers/redis-server'
import { REDIS_URL } from '../helpers/services'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

/** Controls fade their colours (transition-colors); the screenshot waits until they are done (or replaced). */
async function settleThemeTransition(page: Page, theme: 'dark' | 'light') {
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark')
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))))
}

/** Both themes of a final state: the page as it is, then after the theme toggle. */
async function screenshotBothThemes(page: Page, name: string) {
  const dark = (await page.evaluate(() => document.documentElement.classList.contains('dark'))) ? 'dark' : 'light'
  await saveScreenshot(page, `${name}-${dark}`)
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click()
  const other = dark === 'dark' ? 'light' : 'dark'
  await settleThemeTransition(page, other)
  await saveScreenshot(page, `${name}-${other}`)
}

async function subscribe(page: Page, kind: 'Channel' | 'Pattern', name: string) {
  await page.getByLabel('Subscription kind').selectOption({ label: kind })
  await page.getByLabel(kind === 'Channel' ? 'Channel name' : 'Channel pattern').fill(name)
  await page.getByRole('form', { name: 'Subscribe' }).getByRole('button', { name: 'Subscribe' }).click()
  await page.getByRole('button', { name: `Unsubscribe from ${kind.toLowerCase()} ${name}` }).waitFor()
}

async function openPubSub(browser: Browser, url: string, user: TestProject['owner'], ref: string): Promise<Page> {
  const page = await openSignedIn(browser.context, url, user, `/project/${ref}/redis/pubsub`)
  await page.getByText('live', { exact: true }).waitFor()
  return page
}

const messageRows = (page: Page) => page.getByTestId('pubsub-message')

describe('Redis pub/sub in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let redis: Redis
  /** Every channel of this file starts with it, so nothing else on the shared Redis is touched. */
  const testId = `ui-pubsub-${randomUUID().slice(0, 8)}`

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    await addConnection(project, 'redis', { identifier: 'live-cache', options: { db: 14 } })
    redis = new Redis(`${REDIS_URL}/14`)
  })

  afterAll(async () => {
    redis?.disconnect()
    await browser?.close()
    await env?.stop()
  })

  it('delivers what one tab publishes to another tab subscribed to a channel and to a pattern', async () => {
    const receiver = await openPubSub(browser, env.studio.url, project.owner, project.ref)
    const publisher = await openPubSub(browser, env.studio.url, project.owner, project.ref)

    await subscribe(receiver, 'Channel', `${testId}:orders`)
    await subscribe(receiver, 'Pattern', `${testId}:events:*`)

    const publish = async (channel: string, message: string) => {
      const form = publisher.getByRole('form', { name: 'Publish' })
      await form.getByLabel('Channel').fill(channel)
      await form.getByLabel('Message').fill(message)
      await form.getByRole('button', { name: 'Publish' }).click()
    }

    await publish(`${testId}:orders`, '{"order":1,"note":"<b>not html</b>"}')
    // The Studio's one Redis subscriber holds the receiver's channel: one receiver on the server.
    await publisher.getByText('Last message: 1 receiver', { exact: true }).waitFor()
    const orderRow = messageRows(receiver).filter({ hasText: '{"order":1,"note":"<b>not html</b>"}' })
    await orderRow.waitFor()
    expect(await orderRow.textContent()).toContain(`${testId}:orders`)
    // Rendered as text: the markup in the payload is not an element.
    expect(await receiver.locator('[data-testid="pubsub-message"] b').count()).toBe(0)

    await publish(`${testId}:events:signup`, 'pattern delivery')
    const patternRow = messageRows(receiver).filter({ hasText: 'pattern delivery' })
    await patternRow.waitFor()
    expect(await patternRow.textContent()).toContain(`via ${testId}:events:*`)
    expect(await messageRows(receiver).count()).toBe(2)
    await receiver.getByTestId('pubsub-received').filter({ hasText: 'Received 2' }).waitFor()

    // The publisher's active channels list (polled) shows the receiver's channel with its subscriber.
    const channelRow = publisher.getByRole('table', { name: 'Active channels table' }).getByRole('row').filter({ hasText: `${testId}:orders` })
    await channelRow.waitFor()
    expect((await channelRow.getByRole('cell').nth(1).textContent())?.trim()).toBe('1')

    // Filter narrows the list; pause holds it while messages keep arriving (and are counted).
    await receiver.getByLabel('Filter messages').fill('pattern')
    await expect.poll(() => messageRows(receiver).count()).toBe(1)
    await receiver.getByLabel('Filter messages').fill('')
    await receiver.getByRole('button', { name: 'Pause' }).click()
    await publish(`${testId}:orders`, 'sent while paused')
    await receiver.getByText('1 new while paused').waitFor()
    expect(await messageRows(receiver).filter({ hasText: 'sent while paused' }).count()).toBe(0)
    await receiver.getByRole('button', { name: 'Resume' }).click()
    await messageRows(receiver).filter({ hasText: 'sent while paused' }).waitFor()

    await screenshotBothThemes(receiver, 'redis-pubsub-receiver')
    await screenshotBothThemes(publisher, 'redis-pubsub-publisher')
    assertOnlyLoopbackRequests(browser)
    await receiver.close()
    await publisher.close()
  })

  it("shows what the Studio dropped and what the page's own bound dropped", async () => {
    const page = await openPubSub(browser, env.studio.url, project.owner, project.ref)
    const channel = `${testId}:flood`
    await subscribe(page, 'Channel', channel)

    // A message larger than the viewer's queue (4 MiB) can never be queued: the gateway drops it and says so.
    await redis.publish(channel, 'x'.repeat(5 * 1024 * 1024))
    await redis.publish(channel, 'after the big one')
    await messageRows(page).filter({ hasText: 'after the big one' }).waitFor()
    await page.getByTestId('pubsub-notice').filter({ hasText: '1 message dropped by the Studio' }).waitFor()
    expect(await page.getByTestId('pubsub-dropped').textContent()).toBe('Dropped 1 (server 1 · page 0)')
    await saveScreenshot(page, 'redis-pubsub-dropped-by-server')

    // The page keeps 5,000 entries; 5,050 more messages push out the oldest 50, counted.
    await page.getByRole('button', { name: 'Clear' }).click()
    await page.getByTestId('pubsub-dropped').filter({ hasText: 'Dropped 0' }).waitFor()
    const pipeline = redis.pipeline()
    for (let index = 1; index <= 5_050; index++) pipeline.publish(channel, `flood ${index}`)
    await pipeline.exec()
    await page.getByTestId('pubsub-received').filter({ hasText: 'Received 5,050' }).waitFor()
    await page.getByTestId('pubsub-dropped').filter({ hasText: 'Dropped 50 (server 0 · page 50)' }).waitFor()
    // The newest message is on screen (the list follows the end); the oldest kept is number 51.
    await messageRows(page).filter({ hasText: /^.*flood 5050$/ }).waitFor()
    await page.getByRole('log', { name: 'Messages' }).evaluate((element) => element.scrollTo({ top: 0 }))
    await messageRows(page).first().filter({ hasText: 'flood 51' }).waitFor()
    expect(await messageRows(page).filter({ hasText: /flood 50$/ }).count()).toBe(0)

    await screenshotBothThemes(page, 'redis-pubsub-dropped-by-page')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('lets a read_only member watch, shows no publish form and refuses a forced publish', async () => {
    const reader = await project.member('read_only')
    const page = await openPubSub(browser, env.studio.url, reader, project.ref)
    const channel = `${testId}:readonly`
    await subscribe(page, 'Channel', channel)

    const published = await project.owner.request('POST', `/api/platform/redis/${project.ref}/pubsub/publish`, { channel, message: 'owner says hi' })
    expect(published.status).toBe(200)
    expect(published.body).toEqual({ receivers: 1 })
    await messageRows(page).filter({ hasText: 'owner says hi' }).waitFor()

    expect(await page.getByRole('form', { name: 'Publish' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0)

    const forced = await page.evaluate(
      async ({ ref, token, channel }) => {
        const response = await fetch(`/api/platform/redis/${ref}/pubsub/publish`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ channel, message: 'sneaky' }),
        })
        return { status: response.status, body: await response.json() }
      },
      { ref: project.ref, token: reader.token, channel }
    )
    expect(forced.status).toBe(403)
    expect(forced.body.error.code).toBe('FORBIDDEN')
    expect(typeof forced.body.error.requestId).toBe('string')
    // Nothing reached the channel: the list still holds the owner's message only.
    await page.getByTestId('pubsub-received').filter({ hasText: 'Received 1' }).waitFor()
    expect(await messageRows(page).filter({ hasText: 'sneaky' }).count()).toBe(0)

    await screenshotBothThemes(page, 'redis-pubsub-read-only')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('tells the viewer when Redis went away and when the subscriptions were renewed (the gap)', async () => {
    // Its own redis-server on a spare port: the shared one is never stopped.
    const server = await ownRedisServer()
    const publisher = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true })
    try {
      const connection = await addConnection(project, 'redis', { identifier: 'restartable', host: '127.0.0.1', port: server.port })
      const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/redis/pubsub?connectionId=${connection.id}`)
      await page.getByText('live', { exact: true }).waitFor()
      const channel = `${testId}:restart`
      await subscribe(page, 'Channel', channel)

      await server.stop()
      await page.getByTestId('pubsub-notice').filter({ hasText: 'The Studio lost its connection to Redis and is reconnecting.' }).waitFor()
      await page.getByText('redis reconnecting', { exact: true }).waitFor()

      await server.start()
      await page.getByTestId('pubsub-notice').filter({ hasText: /^.*Redis is back, subscriptions renewed: messages of \d\d:\d\d:\d\d–\d\d:\d\d:\d\d are lost\.$/ }).waitFor()
      await page.getByText('live', { exact: true }).waitFor()
      await publisher.connect()
      expect(await publisher.publish(channel, 'after the restart')).toBe(1)
      await messageRows(page).filter({ hasText: 'after the restart' }).waitFor()

      await screenshotBothThemes(page, 'redis-pubsub-redis-restarted')
      assertOnlyLoopbackRequests(browser)
      await page.close()
    } finally {
      publisher.disconnect()
      await server.stop()
    }
  })
})
