import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { launchBrowser, type Browser } from './harness/browser'
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

  it('shows a non-admin neither the console nor its nav entry', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/connections`)
    await page.getByRole('link', { name: 'Settings' }).waitFor()
    expect(await page.getByRole('link', { name: 'Admin console' }).count()).toBe(0)
    await page.goto(`${env.studio.url}/admin/users`)
    await page.getByText('Not found.').waitFor()
    expect(await page.getByRole('table', { name: 'Users' }).count()).toBe(0)
    await page.close()
  })

})
