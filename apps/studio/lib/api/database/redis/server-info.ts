import type Redis from 'ioredis'

import type { RedisInfoResponse, RedisStatsResponse } from '@multibase/api-contracts'

/** INFO's text (`# Section` headers, `field:value` lines) as section → field → raw value. */
export function parseInfo(text: string): RedisInfoResponse['sections'] {
  const sections: RedisInfoResponse['sections'] = {}
  let current: Record<string, string> | undefined
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('# ')) {
      current = {}
      sections[line.slice(2).trim().toLowerCase()] = current
    } else if (current && line.includes(':')) {
      const at = line.indexOf(':')
      current[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return sections
}

export async function readRedisInfo(redis: Redis): Promise<RedisInfoResponse> {
  return { sections: parseInfo(await redis.info()) }
}

/** `keys=2,expires=0,avg_ttl=0` → numbers by name. */
function keyspaceFields(value: string): Record<string, number> {
  return Object.fromEntries(value.split(',').map((pair) => {
    const [name, number] = pair.split('=')
    return [name, Number(number)]
  }))
}

/**
 * One sample of the server's counters from a single INFO call, stamped with its time. Nothing is kept
 * between calls: the UI polls and keeps the series it charts, so every Studio instance answers the
 * same and none holds per-viewer state.
 */
export async function sampleRedisStats(redis: Redis): Promise<RedisStatsResponse> {
  const sections = parseInfo(await redis.info())
  const field = (section: string, name: string) => Number(sections[section]?.[name] ?? 0)
  const hits = field('stats', 'keyspace_hits')
  const misses = field('stats', 'keyspace_misses')
  return {
    sampledAt: new Date().toISOString(),
    uptimeSeconds: field('server', 'uptime_in_seconds'),
    opsPerSec: field('stats', 'instantaneous_ops_per_sec'),
    totalCommandsProcessed: field('stats', 'total_commands_processed'),
    usedMemory: field('memory', 'used_memory'),
    usedMemoryPeak: field('memory', 'used_memory_peak'),
    maxMemory: field('memory', 'maxmemory'),
    connectedClients: field('clients', 'connected_clients'),
    blockedClients: field('clients', 'blocked_clients'),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    hitRatio: hits + misses > 0 ? hits / (hits + misses) : null,
    inputKbps: field('stats', 'instantaneous_input_kbps'),
    outputKbps: field('stats', 'instantaneous_output_kbps'),
    keyspace: Object.entries(sections.keyspace ?? {})
      .filter(([name]) => /^db\d+$/.test(name))
      .map(([name, value]) => {
        const fields = keyspaceFields(value)
        return { db: Number(name.slice(2)), keys: fields.keys ?? 0, expires: fields.expires ?? 0, avgTtlMs: fields.avg_ttl ?? 0 }
      }),
  }
}
