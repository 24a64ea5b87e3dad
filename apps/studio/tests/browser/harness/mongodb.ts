import { randomUUID } from 'node:crypto'

import type { MongoClient } from 'mongodb'
import type { Locator, Page } from 'playwright-core'

import { saveScreenshot } from './browser'

/** The only database names the MongoDB browser tests may create or drop on the shared server. */
export const UI_MONGO_PREFIX = 'mbtest_ui_mongo_'

export const uiMongoDatabase = (label: string) => `${UI_MONGO_PREFIX}${label}_${randomUUID().replace(/-/g, '').slice(0, 8)}`

export async function dropUiMongoDatabases(client: MongoClient, names: string[]): Promise<void> {
  for (const name of names) {
    if (!name.startsWith(UI_MONGO_PREFIX)) throw new Error(`refusing to drop ${name}`)
    await client.db(name).dropDatabase()
  }
}

/** Replaces the whole text of a CodeMirror editor (found by its accessible name) as a user pasting would. */
export async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

/** The text a CodeMirror editor holds (its lines joined). */
export async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((element) => Array.from(element.querySelectorAll('.cm-line'), (line) => line.textContent ?? '').join('\n'))
}

/**
 * The page in both themes, switched with the Studio's own toggle (the page keeps its state). The click
 * is dispatched on the toggle itself, so an open side panel or dialog stays open for the screenshot.
 */
export async function saveScreenshotsInBothThemes(page: Page, name: string): Promise<void> {
  const dark = (await page.evaluate(() => document.documentElement.classList.contains('dark'))) === true
  await saveScreenshot(page, `${name}-${dark ? 'dark' : 'light'}`)
  await page.getByRole('button', { name: `Switch to ${dark ? 'light' : 'dark'} theme` }).dispatchEvent('click')
  await page.waitForFunction((wantDark) => document.documentElement.classList.contains('dark') === wantDark, !dark)
  // Buttons fade their colours (transition-colors, 150 ms); the screenshot waits for the final ones.
  await page.waitForTimeout(400)
  await saveScreenshot(page, `${name}-${dark ? 'light' : 'dark'}`)
  await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} theme` }).dispatchEvent('click')
}
