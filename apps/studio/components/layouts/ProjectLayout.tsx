import clsx from 'clsx'
import { ChevronRight } from 'lucide-react'
import Head from 'next/head'
import Link from 'next/link'
import { useRouter } from 'next/router'
import type { ReactNode } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useFeaturesQuery } from 'data/admin/features-query'
import { useProjectQuery } from 'data/projects/project-query'
import { useAuth } from 'lib/auth/AuthProvider'
import { AuthGuard } from './AuthGuard'
import { BrandMark } from './BrandMark'
import { PROJECT_NAV, type NavItem } from './navigation'
import { ProductMenu, type ProductMenuItem } from './ProductMenu'
import { ThemeToggle } from './ThemeToggle'
import { UserMenu } from './UserMenu'

export interface ProjectLayoutProps {
  /** Which entry of the left navigation is active. */
  section: NavItem['key']
  /** The page's name, shown in the breadcrumb and the tab title. */
  title: string
  /** A second column of links within the section. */
  productMenu?: { title: string; items: ProductMenuItem[] }
  children: ReactNode
}

/**
 * The frame of every project page: left navigation, breadcrumb header, theme and user controls.
 * Children render only once the project (and the caller's role on it) is known.
 */
export function ProjectLayout(props: ProjectLayoutProps) {
  return (
    <AuthGuard>
      <ProjectFrame {...props} />
    </AuthGuard>
  )
}

function ProjectFrame({ section, title, productMenu, children }: ProjectLayoutProps) {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : undefined
  const { isPlatform } = useAuth()
  const { data: project, error, isLoading } = useProjectQuery({ ref })
  const { data: features } = useFeaturesQuery()

  return (
    <div className="flex h-full min-h-screen">
      <Head>
        <title>{`${title} | ${project?.name ?? ref ?? 'Project'} | Multibase Studio`}</title>
      </Head>
      <nav aria-label="Project" className="flex w-48 shrink-0 flex-col border-r border-border bg-surface">
        <div className="flex h-12 items-center border-b border-border px-4">
          <BrandMark href={isPlatform ? '/projects' : `/project/${ref ?? 'default'}`} />
        </div>
        <ul className="flex flex-1 flex-col gap-px p-2">
          {ref &&
            PROJECT_NAV.filter((item) => !item.platformAdminOnly || features?.platformAdmin).map((item) => {
              const active = item.key === section
              return (
                <li key={item.key}>
                  <Link
                    href={item.href(ref)}
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
        {project && (
          <div className="border-t border-border px-4 py-3 text-xxs text-foreground-muted">
            Your role: <span className="font-mono text-foreground-light">{project.role}</span>
          </div>
        )}
      </nav>
      {productMenu && <ProductMenu {...productMenu} />}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center justify-between gap-4 border-b border-border bg-surface px-4">
          <ol aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5 text-xs">
            {isPlatform && (
              <>
                <li>
                  <Link href="/projects" className="text-foreground-light hover:text-foreground">
                    Projects
                  </Link>
                </li>
                <ChevronRight className="h-3 w-3 text-foreground-muted" aria-hidden />
              </>
            )}
            <li className="truncate text-foreground-light">{project?.name ?? ref}</li>
            <ChevronRight className="h-3 w-3 text-foreground-muted" aria-hidden />
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
              <ErrorMessage error={error} title="This project could not be opened" />
            </div>
          ) : isLoading || !project ? (
            <Loading className="p-6" />
          ) : (
            children
          )}
        </main>
      </div>
    </div>
  )
}
