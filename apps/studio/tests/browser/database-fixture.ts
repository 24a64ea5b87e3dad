import { randomUUID } from 'node:crypto'

import type { Page } from 'playwright-core'

import { withAdminClient } from '../helpers/pg-fixture'

/** The only Postgres databases the Database UI suites may create and drop. */
const PREFIX = 'mbtest_ui_pg_'

export const uiTestDatabaseName = (purpose: string) => `${PREFIX}${purpose}_${randomUUID().replace(/-/g, '').slice(0, 8)}`

export async function createUiTestDatabase(name: string, setupSql: string): Promise<void> {
  if (!name.startsWith(PREFIX)) throw new Error(`UI test databases must start with ${PREFIX}`)
  await withAdminClient(undefined, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  })
  await withAdminClient(name, (client) => client.query(setupSql))
}

export async function dropUiTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(PREFIX)) throw new Error(`UI test databases must start with ${PREFIX}`)
  await withAdminClient(undefined, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

export async function queryUiTestDatabase<T = Record<string, unknown>>(name: string, text: string, values: unknown[] = []): Promise<T[]> {
  return withAdminClient(name, async (client) => (await client.query(text, values)).rows as T[])
}

/** Replaces the SQL editor's whole text (insertText: no auto-closed brackets or quotes). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
  // Typing may open the completion list; close it so it does not cover what the test looks at.
  await page.keyboard.press('Escape')
}
