import type { Connection } from '@multibase/api-contracts'
import { Plug, Plus } from 'lucide-react'
import Link from 'next/link'
import type { ReactNode } from 'react'

import { ConnectionSwitcher } from 'components/interfaces/Connections/ConnectionSwitcher'
import { connectionsSettingsHref } from 'components/interfaces/Connections/engines'
import { PageContainer } from 'components/layouts/PageContainer'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { useSelectedConnection } from 'hooks/useSelectedConnection'

/**
 * A Redis page's frame: title, the connection switcher, and its body once a connection is selected
 * (or the way to add a first one).
 */
export function RedisConnectionGate({
  projectRef,
  title,
  description,
  children,
}: {
  projectRef: string
  title: string
  description: string
  children: (connection: Connection) => ReactNode
}) {
  const { connections, selected, select, error, isLoading } = useSelectedConnection(projectRef, 'redis')
  const { can } = useProjectPermissions(projectRef)

  return (
    <PageContainer
      title={title}
      description={description}
      className="max-w-none"
      actions={<ConnectionSwitcher type="redis" connections={connections} selected={selected} onSelect={select} />}
    >
      {error ? (
        <ErrorMessage error={error} title="Redis connections could not be loaded" />
      ) : isLoading ? (
        <Loading />
      ) : !selected ? (
        <EmptyState
          icon={Plug}
          title="This project has no Redis connection"
          description={can('admin') ? 'Add a Redis server in Settings → Connections to use it here.' : 'An owner or admin of this project can add one in Settings → Connections.'}
          action={
            can('admin') ? (
              <Link
                href={connectionsSettingsHref(projectRef, 'redis', { add: true })}
                className="inline-flex h-7 items-center gap-1.5 rounded-md border border-brand-strong bg-brand px-2.5 text-xs font-medium text-black hover:bg-brand-strong"
              >
                <Plus className="h-3.5 w-3.5" aria-hidden /> Add a connection
              </Link>
            ) : undefined
          }
        />
      ) : (
        children(selected)
      )}
    </PageContainer>
  )
}
