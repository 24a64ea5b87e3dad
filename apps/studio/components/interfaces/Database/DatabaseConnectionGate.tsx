import type { Connection } from '@multibase/api-contracts'
import { Plug, Plus } from 'lucide-react'
import Link from 'next/link'
import type { ReactNode } from 'react'

import { ConnectionSwitcher } from 'components/interfaces/Connections/ConnectionSwitcher'
import { connectionsSettingsHref } from 'components/interfaces/Connections/engines'
import { Badge } from 'components/ui/Badge'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { useSelectedConnection } from 'hooks/useSelectedConnection'

/**
 * The frame of the Database pages: a header with the page's name and the Postgres connection
 * switcher, then the page for the selected connection — or the way to add a first one.
 */
export function DatabaseConnectionGate({
  projectRef,
  title,
  children,
}: {
  projectRef: string
  title: string
  children: (connection: Connection) => ReactNode
}) {
  const { connections, selected, select, error, isLoading } = useSelectedConnection(projectRef, 'postgres')
  const { can, role } = useProjectPermissions(projectRef)

  return (
    // The height is the viewport's less the project header, so the table list, the grid and the SQL
    // results scroll inside the page rather than the page growing with them.
    <div className="flex h-[calc(100vh-3rem)] min-h-0 flex-col">
      <div className="flex h-11 shrink-0 items-center justify-between gap-3 border-b border-border px-4">
        <div className="flex items-center gap-2">
          <h1 className="text-sm font-medium text-foreground">{title}</h1>
          {role === 'read_only' && (
            <Badge variant="warning" title="Your role can read data; SQL runs in a READ ONLY transaction">
              read only
            </Badge>
          )}
        </div>
        <ConnectionSwitcher type="postgres" connections={connections} selected={selected} onSelect={select} />
      </div>
      {error ? (
        <div className="p-6">
          <ErrorMessage error={error} title="PostgreSQL connections could not be loaded" />
        </div>
      ) : isLoading ? (
        <Loading className="p-6" />
      ) : !selected ? (
        <div className="p-6">
          <EmptyState
            icon={Plug}
            title="This project has no PostgreSQL connection"
            description={
              can('admin')
                ? 'Add a PostgreSQL server in Settings → Connections to browse it here.'
                : 'An owner or admin of this project can add one in Settings → Connections.'
            }
            action={
              can('admin') ? (
                <Link
                  href={connectionsSettingsHref(projectRef, 'postgres', { add: true })}
                  className="inline-flex h-7 items-center gap-1.5 rounded-md border border-brand-strong bg-brand px-2.5 text-xs font-medium text-black hover:bg-brand-strong"
                >
                  <Plus className="h-3.5 w-3.5" aria-hidden /> Add a connection
                </Link>
              ) : undefined
            }
          />
        </div>
      ) : (
        children(selected)
      )}
    </div>
  )
}
