import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest } from '../helpers/api'
import { redisEndpoint } from '../helpers/services'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'

const selfHosted = (method: string, path: string, body?: unknown) => apiRequest(method, path, { body, baseUrl: inject('selfHostedUrl') })

/**
 * Self-hosted mode has no session, so the page offers the gateway no token protocol at all; the
 * gateway takes the caller as the local user (owner of the default project).
 */
describe('Redis pub/sub in a self-hosted Studio', () => {
  let browser: Browser
  let connectionId: string
  const channel = `ui-pubsub-sh-${randomUUID().slice(0, 8)}:notes`

  beforeAll(async () => {
    browser = await launchBrowser({ colorScheme: 'dark' })
    const endpoint = redisEndpoint()
    const created = await selfHosted('POST', '/api/platform/redis/default/connections', {
      identifier: `pubsub-${randomUUID().slice(0, 8)}`,
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.password ? { password: endpoint.password } : {}),
      options: { db: 15 },
    })
    expect(created.status).toBe(201)
    connectionId = created.body.id
  })

  afterAll(async () => {
    if (connectionId) await selfHosted('DELETE', `/api/platform/redis/default/connections/${connectionId}`)
    await browser?.close()
  })

  it('subscribes without a token and receives what the same page publishes', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${inject('selfHostedUrl')}/project/default/redis/pubsub?connectionId=${connectionId}`)
    await page.getByText('live', { exact: true }).waitFor()

    await page.getByLabel('Channel name').fill(channel)
    await page.getByRole('form', { name: 'Subscribe' }).getByRole('button', { name: 'Subscribe' }).click()
    await page.getByRole('button', { name: `Unsubscribe from channel ${channel}` }).waitFor()

    const form = page.getByRole('form', { name: 'Publish' })
    await form.getByLabel('Channel').fill(channel)
    await form.getByLabel('Message').fill('no token needed here')
    await form.getByRole('button', { name: 'Publish' }).click()
    await page.getByTestId('pubsub-message').filter({ hasText: 'no token needed here' }).waitFor()
    await page.getByText('Last message: 1 receiver', { exact: true }).waitFor()

    await saveScreenshot(page, 'redis-pubsub-self-hosted-dark')
    await page.getByRole('button', { name: 'Switch to light theme' }).click()
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark'))
    // Controls fade their colours (transition-colors): the screenshot waits until they are done (or replaced).
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))))
    await saveScreenshot(page, 'redis-pubsub-self-hosted-light')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
