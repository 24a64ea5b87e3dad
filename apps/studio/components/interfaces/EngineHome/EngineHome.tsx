import type { DatabaseType } from '@multibase/api-contracts'
import { Plug, Plus } from 'lucide-react'
import Link from 'next/link'

import { ConnectionSwitcher } from 'components/interfaces/Connections/ConnectionSwitcher'
import { connectionsSettingsHref, ENGINE_LABELS } from 'components/interfaces/Connections/engines'
import { PageContainer } from 'components/layouts/PageContainer'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { useSelectedConnection } from 'hooks/useSelectedConnection'
import { EngineConnectionCard } from './EngineConnectionCard'

/**
 * An engine's landing page: the connection switcher and the selected server's status, or the way to
 * add a first connection.
 */
export function EngineHome({ projectRef, type, description }: { projectRef: string; type: DatabaseType; description: string }) {
  const { connections, selected, select, error, isLoading } = useSelectedConnection(projectRef, type)
  const { can } = useProjectPermissions(projectRef)
  const label = ENGINE_LABELS[type]

  return (
    <PageContainer
      title={label}
      description={description}
      actions={<ConnectionSwitcher type={type} connections={connections} selected={selected} onSelect={select} />}
    >
      {error ? (
        <ErrorMessage error={error} title={`${label} connections could not be loaded`} />
      ) : isLoading ? (
        <Loading />
      ) : !selected ? (
        <EmptyState
          icon={Plug}
          title={`This project has no ${label} connection`}
          description={
            can('admin')
              ? `Add a ${label} server in Settings → Connections to browse it here.`
              : `An owner or admin of this project can add one in Settings → Connections.`
          }
          action={
            can('admin') ? (
              <Link
                href={connectionsSettingsHref(projectRef, type, { add: true })}
                className="inline-flex h-7 items-center gap-1.5 rounded-md border border-brand-strong bg-brand px-2.5 text-xs font-medium text-black hover:bg-brand-strong"
              >
                <Plus className="h-3.5 w-3.5" aria-hidden /> Add a connection
              </Link>
            ) : undefined
          }
        />
      ) : (
        <EngineConnectionCard projectRef={projectRef} type={type} connection={selected} canTest={can('admin')} />
      )}
    </PageContainer>
  )
}
