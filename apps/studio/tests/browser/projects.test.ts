import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('projects page in a browser', () => {
  let env: BrowserStudio
  let browser: Browser

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
  })

  it('creates an organization and a project in it, then opens the project', async () => {
    const user = await createUser()
    const suffix = randomUUID().slice(0, 8)
    const page = await openSignedIn(browser.context, env.studio.url, user, '/projects')
    await page.getByText('No organizations yet').waitFor()

    await page.getByRole('button', { name: 'New organization' }).first().click()
    const orgDialog = page.getByRole('dialog', { name: 'Create an organization' })
    await orgDialog.getByLabel('Name', { exact: true }).fill(`Acme ${suffix}`)
    expect(await orgDialog.getByLabel('Slug', { exact: true }).inputValue()).toBe(`acme-${suffix}`)
    await orgDialog.getByRole('button', { name: 'Create organization' }).click()
    await orgDialog.waitFor({ state: 'detached' })
    await page.getByRole('region', { name: `Acme ${suffix}` }).getByText('No projects in this organization yet.').waitFor()

    await page.getByRole('button', { name: 'New project' }).click()
    const projectDialog = page.getByRole('dialog', { name: 'Create a project' })
    expect(await projectDialog.getByLabel('Organization', { exact: true }).locator('option:checked').textContent()).toBe(`Acme ${suffix}`)
    await projectDialog.getByLabel('Name', { exact: true }).fill(`Shop ${suffix}`)
    await projectDialog.getByRole('button', { name: 'Create project' }).click()

    await page.waitForURL(`**/project/shop-${suffix}/database`)
    await page.getByText('This project has no PostgreSQL connection').waitFor()
    await page.getByText('owner', { exact: true }).waitFor()

    const projects = await user.request('GET', '/api/platform/projects')
    expect(projects.body.map((project: { ref: string }) => project.ref)).toEqual([`shop-${suffix}`])

    await page.getByRole('link', { name: 'Projects' }).click()
    await page.locator(`[data-project-ref="shop-${suffix}"]`).waitFor()
    await saveScreenshot(page, 'projects-created')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('shows a server refusal inline with its code and request id', async () => {
    const user = await createUser()
    const taken = `taken-${randomUUID().slice(0, 8)}`
    const created = await user.request('POST', '/api/platform/organizations', { name: 'First', slug: taken })
    expect(created.status).toBe(201)

    const page = await openSignedIn(browser.context, env.studio.url, user, '/projects')
    await page.getByRole('region', { name: 'First' }).waitFor()
    await page.getByRole('button', { name: 'New organization' }).click()
    const dialog = page.getByRole('dialog', { name: 'Create an organization' })
    await dialog.getByLabel('Name', { exact: true }).fill('Second')
    await dialog.getByLabel('Slug', { exact: true }).fill(taken)
    await dialog.getByRole('button', { name: 'Create organization' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/request [0-9a-f-]{36}/)
    await saveScreenshot(page, 'projects-create-conflict')
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
