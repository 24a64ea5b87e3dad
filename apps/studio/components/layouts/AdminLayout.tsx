import clsx from 'clsx'
import { Activity, BarChart3, Briefcase, ShieldAlert, Users, type LucideIcon } from 'lucide-react'
import Head from 'next/head'
import Link from 'next/link'
import type { ReactNode } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useFeaturesQuery } from 'data/admin/features-query'
import { AuthGuard } from './AuthGuard'
import { BrandMark } from './BrandMark'
import { ThemeToggle } from './ThemeToggle'
import { UserMenu } from './UserMenu'

export type AdminSection = 'users' | 'jobs' | 'analytics' | 'security' | 'status'

const ADMIN_NAV: Array<{ key: AdminSection; label: string; icon: LucideIcon; href: string }> = [
  { key: 'users', label: 'Users', icon: Users, href: '/admin/users' },
  { key: 'jobs', label: 'Jobs', icon: Briefcase, href: '/admin/jobs' },
  { key: 'analytics', label: 'Analytics', icon: BarChart3, href: '/admin/analytics' },
  { key: 'security', label: 'Security events', icon: ShieldAlert, href: '/admin/security' },
  { key: 'status', label: 'Status', icon: Activity, href: '/admin/status' },
]

/**
 * The frame of the admin console. The server decides who is a platform admin (its routes 404 for
 * anyone else); the frame only asks `features` so a non-admin sees a plain "not found" page.
 */
export function AdminLayout(props: { section: AdminSection; title: string; children: ReactNode }) {
  return (
    <AuthGuard>
      <AdminFrame {...props} />
    </AuthGuard>
  )
}

function AdminFrame({ section, title, children }: { section: AdminSection; title: string; children: ReactNode }) {
  const { data: features, error } = useFeaturesQuery()
  return (
    <div className="flex h-full min-h-screen">
      <Head>
        <title>{`${title} | Admin | Multibase Studio`}</title>
      </Head>
      <nav aria-label="Admin" className="flex w-48 shrink-0 flex-col border-r border-border bg-surface">
        <div className="flex h-12 items-center border-b border-border px-4">
          <BrandMark href="/" />
        </div>
        <ul className="flex flex-1 flex-col gap-px p-2">
          {ADMIN_NAV.map((item) => {
            const active = item.key === section
            return (
              <li key={item.key}>
                <Link
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={clsx(
                    'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-xs',
                    active ? 'bg-surface-raised font-medium text-foreground' : 'text-foreground-light hover:bg-surface-raised/60 hover:text-foreground'
                  )}
                >
                  <item.icon className={clsx('h-4 w-4', active ? 'text-brand' : '')} aria-hidden />
                  {item.label}
                </Link>
              </li>
            )
          })}
        </ul>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center justify-between gap-4 border-b border-border bg-surface px-4">
          <ol aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5 text-xs">
            <li className="text-foreground-light">Admin</li>
            <li className="text-foreground-muted">/</li>
            <li className="truncate font-medium text-foreground" aria-current="page">
              {title}
            </li>
          </ol>
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        <main className="flex min-h-0 flex-1 flex-col overflow-auto">
          {error ? (
            <div className="p-6">
              <ErrorMessage error={error} title="The admin console could not be opened" />
            </div>
          ) : !features ? (
            <Loading className="p-6" />
          ) : !features.platformAdmin ? (
            <div className="p-6 text-sm text-foreground-light">Not found.</div>
          ) : (
            children
          )}
        </main>
      </div>
    </div>
  )
}
