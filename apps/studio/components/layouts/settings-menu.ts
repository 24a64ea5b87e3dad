import type { ProductMenuItem } from './ProductMenu'

export type SettingsPage = 'connections' | 'audit'

/** Settings' second column; new settings pages add an entry here. */
export function settingsMenu(ref: string, active: SettingsPage): { title: string; items: ProductMenuItem[] } {
  return {
    title: 'Settings',
    items: [
      { label: 'Connections', href: `/project/${ref}/settings/connections`, active: active === 'connections' },
      { label: 'Audit log', href: `/project/${ref}/settings/audit`, active: active === 'audit' },
    ],
  }
}
