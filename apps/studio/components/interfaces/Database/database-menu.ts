import type { ProductMenuItem } from 'components/layouts/ProductMenu'

export type DatabasePage = 'tables' | 'sql'

/** Database → Tables and Database → SQL editor; the connection choice travels in the URL. */
export function databaseMenu(ref: string, active: DatabasePage, connectionId?: string): { title: string; items: ProductMenuItem[] } {
  const withConnection = (path: string) => (connectionId ? `${path}?connectionId=${encodeURIComponent(connectionId)}` : path)
  return {
    title: 'Database',
    items: [
      { label: 'Tables', href: withConnection(`/project/${ref}/database`), active: active === 'tables' },
      { label: 'SQL editor', href: withConnection(`/project/${ref}/database/sql`), active: active === 'sql' },
    ],
  }
}
