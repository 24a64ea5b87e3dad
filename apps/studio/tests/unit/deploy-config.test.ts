import { readFileSync } from 'node:fs'
import path from 'node:path'

import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

import { envSchema } from '../../lib/env'

/**
 * No container engine runs in CI, so the deploy files are checked as data: they parse, the three
 * Studio instances sit behind the proxy, every variable they set is one the Studio reads, the image
 * is multi-stage and non-root, and Railway probes /api/health.
 */
const root = path.resolve(__dirname, '../../../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const knownVariables = new Set(Object.keys(envSchema._def.schema.shape))

interface ComposeService {
  build?: unknown
  image?: string
  environment?: Record<string, string>
  depends_on?: unknown
  ports?: string[]
}

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> }
  const studios = Object.entries(compose.services).filter(([name]) => /^studio-\d$/.test(name))

  it('runs three Studio instances from the one image, with only variables the Studio reads', () => {
    expect(studios.map(([name]) => name)).toEqual(['studio-1', 'studio-2', 'studio-3'])
    for (const [name, service] of studios) {
      expect(service.build, name).toBe('.')
      const unknown = Object.keys(service.environment ?? {}).filter((variable) => !knownVariables.has(variable))
      expect(unknown, `${name} sets variables the Studio does not read`).toEqual([])
      expect(service.environment?.NEXT_PUBLIC_IS_PLATFORM).toBe('true')
      expect(service.environment?.DATABASE_URL).toContain('@platform-db:5432/')
    }
  })

  it('has the platform database, a sample Postgres, Redis, MongoDB and a proxy over the three', () => {
    for (const service of ['platform-db', 'sample-postgres', 'redis', 'mongodb', 'proxy']) expect(compose.services[service], service).toBeDefined()
    const caddyfile = read('deploy/Caddyfile')
    for (const [name] of studios) expect(caddyfile).toContain(`${name}:3000`)
    expect(caddyfile).toContain('health_uri /api/health')
  })
})

describe('railway.toml', () => {
  const railway = parseToml(read('railway.toml')) as { build: Record<string, unknown>; deploy: Record<string, unknown> }

  it('builds the Dockerfile and checks /api/health', () => {
    expect(railway.build.builder).toBe('DOCKERFILE')
    expect(railway.deploy.healthcheckPath).toBe('/api/health')
  })

  it('documents only variables the Studio reads', () => {
    const documented = [...read('railway.toml').matchAll(/^#\s+([A-Z][A-Z0-9_]+)\s/gm)].map((match) => match[1])
    expect(documented.length).toBeGreaterThan(5)
    expect(documented.filter((variable) => !knownVariables.has(variable))).toEqual([])
  })
})

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile')

  it('is multi-stage and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2)
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1])
    expect(users.at(-1)).toBeDefined()
    expect(['root', '0']).not.toContain(users.at(-1))
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "server.ts"\]/m)
  })
})
