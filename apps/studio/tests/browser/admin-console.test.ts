import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('Admin console in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let admin: TestUser
  let project: TestProject

  beforeAll(async () => {
    admin = await createUser()
    env = await startBrowserStudio({ PLATFORM_ADMIN_USER_IDS: admin.id, KEEP_ALIVE_TICK_MS: '200', REQUEST_STATS_FLUSH_MS: '200' })
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    // A refusal to show on the security page, and calls to show in analytics.
    const stranger = await createUser()
    await stranger.request('GET', `/api/platform/redis/${project.ref}/connections`)
    await project.owner.request('GET', `/api/platform/projects/${project.ref}`)
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('shows users, jobs, analytics, security events and status to a platform admin', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, admin, '/admin/users')
    const users = page.getByRole('table', { name: 'Users' })
    await users.getByRole('row').filter({ hasText: project.owner.id }).getByText(`project ${project.ref}: owner`).waitFor()
    await saveScreenshot(page, 'admin-users')

    await page.getByRole('link', { name: 'Jobs' }).click()
    await page.getByRole('heading', { name: 'Jobs' }).waitFor()
    await page.getByRole('combobox', { name: 'Job state' }).waitFor()
    await saveScreenshot(page, 'admin-jobs')

    await page.getByRole('link', { name: 'Analytics' }).click()
    const groups = page.getByRole('table', { name: 'Route groups' })
    await groups.getByRole('row').filter({ hasText: 'redis/connections' }).waitFor()
    expect(await groups.getByRole('row').filter({ hasText: 'redis/connections' }).textContent()).toMatch(/≤ \d+ ms/)
    await saveScreenshot(page, 'admin-analytics')

    await page.getByRole('link', { name: 'Security events' }).click()
    const events = page.getByRole('table', { name: 'Security events' })
    await events.getByRole('row').filter({ hasText: project.ref }).first().waitFor()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    expect((await download).suggestedFilename()).toBe('security-events.csv')
    await saveScreenshot(page, 'admin-security-events')

    await page.getByRole('link', { name: 'Status' }).click()
    const instances = page.getByRole('table', { name: 'Instances' })
    await instances.getByRole('row').filter({ hasText: String(env.studio.pid) }).getByText('alive').waitFor()
    await saveScreenshot(page, 'admin-status')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('shows a non-admin neither the console nor its nav entry', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections`)
    await page.getByRole('link', { name: 'Settings' }).waitFor()
    expect(await page.getByRole('link', { name: 'Admin console' }).count()).toBe(0)
    await page.goto(`${env.studio.url}/admin/users`)
    await page.getByText('Not found.').waitFor()
    expect(await page.getByRole('table', { name: 'Users' }).count()).toBe(0)
    await page.close()
  })

  it('turns keep-alive on from the connections page and shows its last success', async () => {
    const identifier = `ka-${randomUUID().slice(0, 8)}`
    await addConnection(project, 'redis', { identifier })
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections?engine=redis`)
    const row = page.getByRole('row').filter({ hasText: identifier })
    await row.getByText('off').waitFor()
    await row.getByRole('button', { name: `Enable keep-alive for ${identifier}` }).click()
    await row.getByText('every 300s').waitFor()
    // The first run is due at once; the list refreshes on focus/reload.
    await expect
      .poll(async () => {
        await page.reload()
        return page.getByRole('row').filter({ hasText: identifier }).getByText(/^ok /).count()
      }, { timeout: 20_000 })
      .toBe(1)
    await saveScreenshot(page, 'connections-keep-alive')
    await page.close()
  })
})
