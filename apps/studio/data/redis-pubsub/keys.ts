export const redisPubSubKeys = {
  channels: (ref: string | undefined, connectionId: string | undefined, pattern: string) =>
    ['redis', ref, connectionId, 'pubsub', 'channels', pattern] as const,
}

/** `/api/platform/redis/<ref>/pubsub/<rest>`. */
export function pubSubPath(ref: string, rest: 'channels' | 'publish' | 'subscribe'): string {
  return `/api/platform/redis/${encodeURIComponent(ref)}/pubsub/${rest}`
}
