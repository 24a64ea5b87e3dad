import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { createTestDatabase, dropTestDatabase, withAdminClient } from '../helpers/pg-fixture'
import { SYNC_SOURCE_SQL } from '../helpers/sync-schema-fixture'
import { assertOnlyLoopbackRequests, launchBrowser, saveScreenshot, type Browser } from './harness/browser'
import { openSignedIn } from './harness/session'
import { startBrowserStudio, type BrowserStudio } from './harness/studio'

const runId = randomUUID().replace(/-/g, '').slice(0, 8)
const SOURCE = `mbtest_pg_ssui_src_${runId}`
const TARGET = `mbtest_pg_ssui_tgt_${runId}`

describe('Sync → Compare in a browser', () => {
  let env: BrowserStudio
  let browser: Browser
  let project: TestProject

  beforeAll(async () => {
    env = await startBrowserStudio()
    browser = await launchBrowser({ colorScheme: 'dark' })
    project = await createProject()
    await createTestDatabase(SOURCE)
    await createTestDatabase(TARGET)
    await withAdminClient(SOURCE, (client) => client.query(SYNC_SOURCE_SQL))
    await addConnection(project, 'postgres', { identifier: 'crm-source', options: { database: SOURCE } })
    await addConnection(project, 'postgres', { identifier: 'crm-target', options: { database: TARGET } })
  })

  afterAll(async () => {
    await browser?.close()
    await env?.stop()
    await dropTestDatabase(SOURCE)
    await dropTestDatabase(TARGET)
  })

  it('shows the report by severity and the DDL diff, applies it as owner, then reports no difference', async () => {
    // The nav's Sync entry opens the jobs list; the compare page is the wizard-free view of the checks.
    const page = await openSignedIn(browser.context, env.studio.url, project.owner, `/project/${project.ref}/sync/compare`)
    await page.getByRole('heading', { name: 'Compare source and target' }).waitFor()

    const form = page.getByRole('form', { name: 'Compare connections' })
    await form.getByLabel('Source', { exact: true }).selectOption({ label: 'postgres · crm-source' })
    await form.getByLabel('Target', { exact: true }).selectOption({ label: 'postgres · crm-target' })
    await form.getByLabel('Schemas', { exact: true }).fill('crm')
    await form.getByRole('button', { name: 'Compare' }).click()

    const report = page.getByRole('region', { name: 'Compatibility report' })
    await report.getByText('Warnings').waitFor()
    await report.getByText('crm.accounts does not exist on the target').waitFor()
    const migration = page.getByRole('region', { name: 'Schema migration' })
    const script = migration.getByLabel('Migration script')
    await script.waitFor()
    expect(await script.textContent()).toContain('CREATE TABLE IF NOT EXISTS "crm"."accounts"')
    await migration.getByText('— absent —').first().waitFor()
    await saveScreenshot(page, 'sync-compare-before-apply')

    await migration.getByRole('button', { name: 'Apply' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click()
    await migration.getByText("The target's schema already matches the source's.").waitFor()
    await report.getByRole('button', { name: 'Re-check' }).click()
    await report.getByText('No difference: the target matches the source for this scope.').waitFor()
    await saveScreenshot(page, 'sync-compare-after-apply')

    const tables = await withAdminClient(TARGET, async (client) => (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'crm'`)).rows)
    expect(tables[0].n).toBe(3)
    assertOnlyLoopbackRequests(browser)
    await page.close()
  })
})
