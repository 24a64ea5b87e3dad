import Head from 'next/head'
import type { ReactNode } from 'react'

import { AuthGuard } from './AuthGuard'
import { BrandMark } from './BrandMark'
import { ThemeToggle } from './ThemeToggle'
import { UserMenu } from './UserMenu'

/** Pages outside a project (the projects list): a top bar and the page, behind sign-in. */
export function AppHeaderLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <AuthGuard>
      <Head>
        <title>{`${title} | Multibase Studio`}</title>
      </Head>
      <div className="flex min-h-screen flex-col">
        <header className="flex h-12 shrink-0 items-center justify-between border-b border-border bg-surface px-4">
          <BrandMark href="/projects" />
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        <main className="flex-1">{children}</main>
      </div>
    </AuthGuard>
  )
}
