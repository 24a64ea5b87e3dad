import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const studioDir = path.resolve(__dirname, '../..')

function runSample(env: Record<string, string>): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/unit/fixtures/log-sample.ts'], {
    cwd: studioDir,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    encoding: 'utf8',
  })
  expect(result.status, result.stderr).toBe(0)
  return result.stdout
}

describe('logger', () => {
  it('writes JSON lines with secrets censored by path and by content', () => {
    const output = runSample({ LOG_FORMAT: 'json' })
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(1)
    const entry = JSON.parse(lines[0]) as Record<string, unknown>
    expect(entry).toMatchObject({
      level: 'info',
      message: 'connection created',
      password: '[redacted]',
      connectionString: '[redacted]',
      options: { readOnlyPassword: '[redacted]', host: 'db.internal' },
      route: '/api/platform/postgres/[ref]/connections',
    })
    expect(typeof entry.time).toBe('string')
    expect(output).not.toMatch(/pw-(plain|nested|in-url|in-message)/)
  })

  it('prints readable lines with LOG_FORMAT=pretty, still censored', () => {
    const output = runSample({ LOG_FORMAT: 'pretty' })
    expect(output).toContain('connection created')
    expect(output.trim().startsWith('{')).toBe(false)
    expect(output).not.toMatch(/pw-(plain|nested|in-url|in-message)/)
  })
})
