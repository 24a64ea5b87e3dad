import type { ProductMenuItem } from 'components/layouts/ProductMenu'

export type RedisPage = 'browser' | 'pubsub' | 'overview'

/** Redis' second column: the key browser, the pub/sub viewer and the server overview. */
export function redisProductMenu(ref: string, active: RedisPage): { title: string; items: ProductMenuItem[] } {
  return {
    title: 'Redis',
    items: [
      { label: 'Browser', href: `/project/${ref}/redis`, active: active === 'browser' },
      { label: 'Pub/Sub', href: `/project/${ref}/redis/pubsub`, active: active === 'pubsub' },
      { label: 'Overview', href: `/project/${ref}/redis/overview`, active: active === 'overview' },
    ],
  }
}
