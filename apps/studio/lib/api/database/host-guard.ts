import { lookup } from 'node:dns/promises'

import ipaddr from 'ipaddr.js'

import { getEnv } from '../../env'
import { ValidationError } from './errors'

/**
 * Server-side request forgery guard for user-supplied database hosts (platform mode only). The host
 * is resolved here, every resolved address is classified, and the client then connects to the
 * address we checked — never to a name the driver would resolve again (DNS rebinding).
 */
/** Well-known cloud metadata endpoints that are not in a private range. */
const METADATA_ADDRESSES = new Set(['fd00:ec2::254', '100.100.100.200'])

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved'

/** Classifies one IP literal. Pure: no lookup, no connection. */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) throw new Error(`Not an IP address: ${address}`)
  const parsed = ipaddr.process(address) // unwraps ::ffff:a.b.c.d to IPv4
  const normalized = parsed.toString()
  if (normalized === '169.254.169.254' || METADATA_ADDRESSES.has(normalized)) return 'metadata'
  const range = parsed.range()
  if (range === 'unicast') return 'public'
  if (range === 'loopback') return 'loopback'
  if (range === 'private' || range === 'uniqueLocal' || range === 'carrierGradeNat') return 'private'
  if (range === 'linkLocal') return 'link-local'
  // multicast, broadcast, unspecified, documentation, translation and other special ranges
  return 'reserved'
}

function matchesAllowlist(host: string, address: string, allowlist: string[]): boolean {
  const lowerHost = host.toLowerCase()
  for (const entry of allowlist) {
    const item = entry.toLowerCase()
    if (item === lowerHost) return true
    if (item.includes('/')) {
      try {
        const [range, bits] = ipaddr.parseCIDR(item)
        const parsed = ipaddr.process(address)
        if (parsed.kind() === range.kind() && parsed.match(range, bits)) return true
      } catch {
        continue
      }
    } else if (ipaddr.isValid(item) && ipaddr.isValid(address)) {
      if (ipaddr.process(item).toString() === ipaddr.process(address).toString()) return true
    }
  }
  return false
}

/**
 * Resolves `host` and returns the address to connect to. In platform mode every resolved address must
 * be public, or the host/address must be on ALLOWED_DATABASE_HOSTS; otherwise 400 HOST_NOT_ALLOWED.
 * Self-hosted mode connects where the local owner says (usually their own machine).
 */
export async function resolveConnectHost(host: string): Promise<string> {
  const env = getEnv()
  const literal = ipaddr.isValid(host) && (host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host))
  let addresses: string[]
  if (literal) {
    addresses = [host]
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)
    } catch {
      throw new ValidationError(`Host "${host}" could not be resolved`, { host }, 'HOST_UNRESOLVABLE')
    }
  }
  if (!env.NEXT_PUBLIC_IS_PLATFORM) return addresses[0]
  for (const address of addresses) {
    const cls = classifyAddress(address)
    if (cls !== 'public' && !matchesAllowlist(host, address, env.ALLOWED_DATABASE_HOSTS)) {
      throw new ValidationError(
        `Host "${host}" resolves to a ${cls} address, which is not allowed; an operator can list it in ALLOWED_DATABASE_HOSTS`,
        { host },
        'HOST_NOT_ALLOWED'
      )
    }
  }
  return addresses[0]
}
