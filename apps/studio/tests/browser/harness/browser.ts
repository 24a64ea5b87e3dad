import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium; the suite never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const ARTIFACTS_DIR = path.resolve(__dirname, '../../../test-artifacts')

export interface Browser {
  context: BrowserContext
  /** Every request the pages tried to send beyond 127.0.0.1 (each was aborted). */
  offLoopbackRequests: string[]
  close(): Promise<void>
}

/**
 * A fresh Chromium profile (new user-data dir, nothing cached or stored) whose every request is
 * checked: anything not addressed to 127.0.0.1 is aborted and recorded, so a page that depends on a
 * CDN, a remote font or any other host fails its test.
 */
export async function launchBrowser(options: { colorScheme?: 'dark' | 'light' } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'multibase-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    // The Studio's first theme follows the system's; tests pick one so both get screenshots.
    colorScheme: options.colorScheme ?? 'light',
  })
  const offLoopbackRequests: string[] = []
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1') return route.continue()
    offLoopbackRequests.push(route.request().url())
    return route.abort('blockedbyclient')
  })
  return {
    context,
    offLoopbackRequests,
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Fails when any page of the browser asked for a non-loopback host. */
export function assertOnlyLoopbackRequests(browser: Browser) {
  if (browser.offLoopbackRequests.length > 0) {
    throw new Error(`Pages requested hosts beyond 127.0.0.1:\n${browser.offLoopbackRequests.join('\n')}`)
  }
}

/** The page's final state, for a person to look at: test-artifacts/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
