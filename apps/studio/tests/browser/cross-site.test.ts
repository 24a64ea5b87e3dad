import { createServer, type Server } from 'node:http'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest } from '../helpers/api'
import { freePort } from '../setup/studio-process'
import { launchBrowser, saveScreenshot, type Browser } from './harness/browser'

const connectionsPath = '/api/platform/postgres/default/connections'

/**
 * The attacker's page, served from another loopback port: it tries what any web page can do without
 * a CORS grant — `no-cors` fetches with text/plain bodies and a `<form>` post whose text/plain body
 * spells JSON — against the self-hosted Studio, which has no login.
 */
function attackPage(studio: string): string {
  const target = studio + connectionsPath
  const body = JSON.stringify({ identifier: 'xsite-fetch', host: '127.0.0.1', port: 5432 })
  return `<!doctype html><html><body>
<form id="attack" method="post" enctype="text/plain" action="${target}" target="sink">
  <input name='{"identifier":"xsite-form","host":"127.0.0.1","port":5432,"pad":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  window.attack = async () => {
    const results = []
    for (const init of [
      { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(body)} },
      { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(body)} },
      { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ identifier: 'xsite-urlencoded', host: '127.0.0.1' }) },
    ]) {
      try { results.push((await fetch(${JSON.stringify(target)}, init)).type) } catch (error) { results.push(String(error)) }
    }
    return results
  }
</script></body></html>`
}

describe('a page on another origin cannot drive the self-hosted Studio', () => {
  let browser: Browser
  let server: Server
  let attackerUrl: string

  beforeAll(async () => {
    const port = await freePort()
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(attackPage(inject('selfHostedUrl')))
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    attackerUrl = `http://127.0.0.1:${port}/`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => server?.close(() => resolve()))
  })

  const identifiers = async () =>
    (
      (await apiRequest('GET', connectionsPath, { baseUrl: inject('selfHostedUrl') })).body as Array<{
        identifier: string
      }>
    ).map((connection) => connection.identifier)

  it('no-cors fetches and a form post reach the Studio, are refused, and create nothing', async () => {
    const before = await identifiers()
    const page = await browser.context.newPage()
    await page.goto(attackerUrl)
    const results = await page.evaluate(() => (window as unknown as { attack(): Promise<string[]> }).attack())
    // Opaque responses: the page learns nothing, and the requests did go out.
    expect(results).toEqual(['opaque', 'opaque', 'opaque'])

    const formAnswer = page.waitForResponse((response) => response.url().endsWith(connectionsPath))
    await page.locator('#attack').evaluate((form: HTMLFormElement) => form.submit())
    expect((await formAnswer).status()).toBe(403)
    await saveScreenshot(page, 'cross-site-attack-page')
    await page.close()

    const after = await identifiers()
    expect(after).toEqual(before)
    expect(after.some((identifier) => identifier.startsWith('xsite-'))).toBe(false)

    // The refusals were the Studio's own, recorded as security events of the project.
    const events = await apiRequest('GET', '/api/platform/projects/default/audit?kind=security&limit=200', {
      baseUrl: inject('selfHostedUrl'),
    })
    const codes = new Set((events.body.items as Array<{ code: string }>).map((item) => item.code))
    expect(codes.has('ORIGIN_NOT_ALLOWED')).toBe(true)
  })
})
