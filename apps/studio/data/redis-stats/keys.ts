export const redisStatsKeys = {
  info: (ref: string | undefined, connectionId: string | undefined) => ['redis', ref, connectionId, 'info'] as const,
  stats: (ref: string | undefined, connectionId: string | undefined) => ['redis', ref, connectionId, 'stats'] as const,
}

/** `/api/platform/redis/<ref>/<rest>`. */
export function redisServerPath(ref: string, rest: 'info' | 'stats'): string {
  return `/api/platform/redis/${encodeURIComponent(ref)}/${rest}`
}
