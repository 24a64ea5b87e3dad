import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'

import { describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { startStudio } from '../setup/studio-process'

const baseUrl = () => inject('selfHostedUrl')

describe('self-hosted mode (embedded PGlite platform database)', () => {
  it('opens the default project as its owner without a token', async () => {
    const projects = await apiRequest('GET', '/api/platform/projects', { baseUrl: baseUrl() })
    expect(projects.status).toBe(200)
    expect(projects.body).toEqual([expect.objectContaining({ ref: 'default', role: 'owner' })])
    const health = await apiRequest('GET', '/api/health?deep=1', { baseUrl: baseUrl() })
    expect(health.body).toEqual({ status: 'ok', platformDatabase: 'embedded' })
    const version = await apiRequest('GET', '/api/version', { baseUrl: baseUrl() })
    expect(version.body).toMatchObject({ name: 'multibase-studio', mode: 'self-hosted' })
  })

  it('runs the same server-side checks: unknown projects are 404, input is validated', async () => {
    const missing = await apiRequest('GET', '/api/platform/redis/elsewhere/connections', { baseUrl: baseUrl() })
    expect(missing.status).toBe(404)
    const invalid = await apiRequest('POST', '/api/platform/redis/default/connections', { baseUrl: baseUrl(), body: { identifier: 'x', port: 0 } })
    expect(invalid.status).toBe(400)
    expect(errorOf(invalid).code).toBe('VALIDATION_ERROR')
  })

  it('refuses to listen beyond loopback without dashboard credentials', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-refuse-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '0', NEXT_PUBLIC_IS_PLATFORM: 'false', DATABASE_URL: '', PLATFORM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
    expect(code).toBe(1)
    expect(output).toContain('without DASHBOARD_USERNAME and DASHBOARD_PASSWORD')
  })

  it('enforces HTTP basic auth when dashboard credentials are set', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-basic-'))
    const studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: 'false',
      DATABASE_URL: '',
      PLATFORM_DATA_DIR: dataDir,
      DASHBOARD_USERNAME: 'admin',
      DASHBOARD_PASSWORD: 'correct horse battery',
    }).catch(async (error) => {
      rmSync(dataDir, { recursive: true, force: true })
      throw error
    })
    try {
      const anonymous = await fetch(`${studio.url}/api/platform/projects`)
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.get('www-authenticate')).toContain('Basic')
      const wrong = await fetch(`${studio.url}/api/platform/projects`, {
        headers: { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` },
      })
      expect(wrong.status).toBe(401)
      const right = await fetch(`${studio.url}/api/platform/projects`, {
        headers: { authorization: `Basic ${Buffer.from('admin:correct horse battery').toString('base64')}` },
      })
      expect(right.status).toBe(200)
    } finally {
      await studio.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
