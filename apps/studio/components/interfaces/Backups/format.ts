/** 1536 → "1.5 KB": sizes as people read them. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

export const ENGINE_LABELS = { postgres: 'PostgreSQL', redis: 'Redis', mongodb: 'MongoDB' } as const

/** Names typed as "a, b, c" → ['a', 'b', 'c'] (empty entries dropped), or undefined when none. */
export function nameList(text: string): string[] | undefined {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  return names.length ? names : undefined
}
