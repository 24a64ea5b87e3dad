import type { ProductMenuItem } from './ProductMenu'

export type SettingsPage = 'connections'

/** Settings' second column; new settings pages add an entry here. */
export function settingsMenu(ref: string, active: SettingsPage): { title: string; items: ProductMenuItem[] } {
  return {
    title: 'Settings',
    items: [{ label: 'Connections', href: `/project/${ref}/settings/connections`, active: active === 'connections' }],
  }
}
