import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'

import { parse } from 'csv-parse/sync'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

describe('Settings → Audit log in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject
  let keyPath: string

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    // A write, a denial and a tampered secret, made through the API like any client would.
    const connection = await addConnection(project, 'redis', { identifier: 'audited', password: 'not-a-real-password' })
    // A fresh key name in the shared Redis, deleted again afterwards.
    keyPath = `/api/platform/redis/${project.ref}/keys/audit-ui-${randomUUID().slice(0, 8)}?connectionId=${connection.id}`
    expect((await project.owner.request('POST', keyPath, { type: 'string', value: 'v' })).status).toBe(201)
    const readOnly = await project.member('read_only')
    expect((await readOnly.request('DELETE', keyPath)).status).toBe(403)
    const db = new Client({ connectionString: inject('platformDatabaseUrl') })
    await db.connect()
    await db.query(
      `UPDATE platform.credentials SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE owner_id = $1`,
      [connection.id]
    )
    await db.end()
    const tampered = await project.owner.request('POST', `/api/platform/redis/${project.ref}/connections/${connection.id}/test`)
    expect(errorOf(tampered).code).toBe('SECRET_TAMPERED')
  })

  afterAll(async () => {
    // The tampered connection cannot reach Redis any more; a fresh one can delete the key.
    if (keyPath) {
      const cleaner = await addConnection(project, 'redis', { identifier: 'cleanup' })
      await project.owner.request('DELETE', keyPath.replace(/connectionId=.*$/, `connectionId=${cleaner.id}`))
    }
    await browser?.close()
    await env?.stop()
  })

  it('shows the write, the denial and the tampered secret, filters by kind and exports the filtered rows', async () => {
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/settings/audit`)
    const table = page.getByRole('table', { name: 'Audit log' })
    await table.getByText('POST /api/platform/redis/[ref]/keys/[key]').waitFor()
    await table.getByText('FORBIDDEN').waitFor()
    await table.getByText('SECRET_TAMPERED').waitFor()

    const filters = page.getByRole('form', { name: 'Audit filters' })
    await filters.getByLabel('Kind').selectOption('security')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await table.getByText('POST /api/platform/redis/[ref]/keys/[key]').waitFor({ state: 'detached' })
    await table.getByText('SECRET_TAMPERED').waitFor()
    const kinds = await table.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(new Set(kinds)).toEqual(new Set(['security']))
    await saveScreenshot(page, 'audit-log-security')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${project.ref}-.+\\.csv$`))
    const records = parse(await readFile((await download.path()) as string, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(new Set(records.map((record) => record.kind))).toEqual(new Set(['security']))
    expect(new Set(records.map((record) => record.code))).toEqual(new Set(['FORBIDDEN', 'SECRET_TAMPERED']))

    assertOnlyLoopbackRequests(browser)
    await page.close()
  })

  it('tells a read_only member the audit log is for admins', async () => {
    const readOnly = await project.member('read_only')
    const page = await openSignedIn(browser.context, env.studio.url, readOnly, `/project/${project.ref}/settings/audit`)
    await page.getByText('Admins only').waitFor()
    expect(await page.getByRole('table', { name: 'Audit log' }).count()).toBe(0)
    await page.close()
  })
})
