import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_ROUTES } from '../../lib/api/openapi/registry'
import { createProject, type TestProject } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('API docs page in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'light' })
    project = await createProject()
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('is reached from the project navigation and lists every operation of the OpenAPI document', async () => {
    const page: Page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/database`)
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'API docs' }).click()
    await page.waitForURL(`**/project/${project.ref}/api-docs`)

    const operations = Object.values(API_ROUTES).reduce((total, methods) => total + Object.keys(methods).length, 0)
    await expect.poll(() => page.getByTestId('api-operation').count()).toBe(operations)
    await page.getByText('/api/platform/redis/{ref}/keys/{key}/expire').first().waitFor()

    await page.getByLabel('Filter by path').fill('/pubsub/')
    await expect.poll(() => page.getByTestId('api-operation').count()).toBe(2)
    const publish = page.getByTestId('api-operation').filter({ hasText: '/pubsub/publish' })
    await publish.getByText('Request body').click()
    await publish.locator('pre').filter({ hasText: '"channel"' }).waitFor()
    await saveScreenshot(page, 'api-docs')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
