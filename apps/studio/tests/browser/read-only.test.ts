import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject, type TestUser } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('a read_only member in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let reader: TestUser
  let connectionId: string

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser()
    project = await createProject()
    connectionId = (await addConnection(project, 'redis', { identifier: 'shared-cache', options: { db: 9 } })).id
    reader = await project.member('read_only')
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('sees the connections but no control to add, edit, test or delete them', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, reader, `/project/${project.ref}/settings/connections?engine=redis`)
    await page.getByRole('row').filter({ hasText: 'shared-cache' }).waitFor()
    await page.getByText('Your role (read_only) can view connections').waitFor()

    for (const name of [/Add .*connection/, /^Test$/, /^Edit/, /^Delete/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0)
    }
    expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0)

    // The Redis page shows the connection without offering a test (testing is an admin operation).
    await page.getByRole('link', { name: 'Redis' }).click()
    await page.getByRole('heading', { name: 'shared-cache' }).waitFor()
    expect(await page.getByRole('button', { name: 'Test again' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Connection settings' }).click()
    await page.getByRole('row').filter({ hasText: 'shared-cache' }).waitFor()

    await saveScreenshot(page, 'read-only-connections')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('is refused with 403 when forcing writes from the page with their own token', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, reader, `/project/${project.ref}/settings/connections?engine=redis`)
    await page.getByRole('row').filter({ hasText: 'shared-cache' }).waitFor()

    const attempts = await page.evaluate(
      async ({ ref, id, token }) => {
        const call = async (method: string, path: string, body?: unknown) => {
          const response = await fetch(path, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          })
          return { status: response.status, body: await response.json() }
        }
        return [
          await call('POST', `/api/platform/redis/${ref}/connections`, { identifier: 'sneaky', host: '127.0.0.1', port: 6379 }),
          await call('PUT', `/api/platform/redis/${ref}/connections/${id}`, { identifier: 'renamed' }),
          await call('DELETE', `/api/platform/redis/${ref}/connections/${id}`),
        ]
      },
      { ref: project.ref, id: connectionId, token: reader.token }
    )
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403)
      expect(attempt.body.error.code).toBe('FORBIDDEN')
      expect(typeof attempt.body.error.requestId).toBe('string')
    }
    const listed = await project.owner.request('GET', `/api/platform/redis/${project.ref}/connections`)
    expect(listed.body.map((connection: { identifier: string }) => connection.identifier)).toEqual(['shared-cache'])

    await page.reload()
    await page.getByRole('row').filter({ hasText: 'shared-cache' }).waitFor()
    await saveScreenshot(page, 'read-only-forced-write-refused')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
