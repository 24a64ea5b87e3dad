import { Archive, BookOpen, Database, Layers, Leaf, RefreshCw, Settings, ShieldCheck, type LucideIcon } from 'lucide-react'

export interface NavItem {
  key: 'database' | 'redis' | 'mongodb' | 'sync' | 'backups' | 'settings' | 'api-docs' | 'admin'
  label: string
  icon: LucideIcon
  href: (ref: string) => string
  /** Shown only to platform admins (the admin console is not the project's). */
  platformAdminOnly?: boolean
}

/** The project's left navigation; engine panels add their pages under these paths. */
export const PROJECT_NAV: NavItem[] = [
  { key: 'database', label: 'Database', icon: Database, href: (ref) => `/project/${ref}/database` },
  { key: 'redis', label: 'Redis', icon: Layers, href: (ref) => `/project/${ref}/redis` },
  { key: 'mongodb', label: 'MongoDB', icon: Leaf, href: (ref) => `/project/${ref}/mongodb` },
  { key: 'sync', label: 'Sync', icon: RefreshCw, href: (ref) => `/project/${ref}/sync` },
  { key: 'backups', label: 'Backups', icon: Archive, href: (ref) => `/project/${ref}/backups` },
  { key: 'api-docs', label: 'API docs', icon: BookOpen, href: (ref) => `/project/${ref}/api-docs` },
  { key: 'settings', label: 'Settings', icon: Settings, href: (ref) => `/project/${ref}/settings/connections` },
  { key: 'admin', label: 'Admin console', icon: ShieldCheck, href: () => '/admin/users', platformAdminOnly: true },
]
