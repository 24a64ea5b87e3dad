import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
}

export interface ProfileSummary {
  totalMs: number
  /** Self time per function (`name file:line`), largest first. */
  functions: Array<{ name: string; ms: number; share: number }>
  /** Self time per origin (node internals, a package, the app's own code, idle, GC). */
  origins: Array<{ name: string; ms: number; share: number }>
}

/** Where a frame's code comes from: a package name, `node:…` internals, the app, or a V8 pseudo-frame. */
function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith('node:')) return url.split('/')[0].replace(/^(node:[^/]+).*$/, '$1')
  if (url.includes('/apps/studio/')) return 'studio: ' + url.slice(url.indexOf('/apps/studio/') + 13).split('/').slice(0, 3).join('/')
  return url
}

function rank(map: Map<string, number>, totalMs: number, top: number) {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, share: ms / totalMs }))
}

/** Self-time totals of a `node --cpu-prof` profile (sampling: hit counts × the mean interval). */
export function summarizeCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0)
  const totalMs = (profile.endTime - profile.startTime) / 1000
  const msPerHit = hits > 0 ? totalMs / hits : 0
  const byFunction = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit
    if (ms === 0) continue
    const { functionName, url, lineNumber } = node.callFrame
    const file = url ? url.split('/').slice(-2).join('/') : ''
    const name = `${functionName || '(anonymous)'} ${file}${file ? ':' + (lineNumber + 1) : ''}`.trim()
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
    const origin = originOf(url, functionName)
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms)
  }
  return { totalMs, functions: rank(byFunction, totalMs, top), origins: rank(byOrigin, totalMs, top) }
}

export function printProfileSummary(title: string, summary: ProfileSummary): void {
  const line = (entry: { name: string; ms: number; share: number }) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.ms.toFixed(0).padStart(6)} ms  ${entry.name}`
  console.log(`${title}: ${summary.totalMs.toFixed(0)} ms profiled`)
  console.log(' self time by origin:')
  for (const entry of summary.origins) console.log(line(entry))
  console.log(' self time by function:')
  for (const entry of summary.functions) console.log(line(entry))
}
