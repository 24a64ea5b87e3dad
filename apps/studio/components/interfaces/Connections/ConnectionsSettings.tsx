import { databaseTypeSchema, type Connection, type DatabaseType } from '@multibase/api-contracts'
import { Plug, Plus } from 'lucide-react'
import { useRouter } from 'next/router'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { toast, toastError } from 'components/ui/toast'
import { useConnectionDeleteMutation } from 'data/connections/connection-delete-mutation'
import { useConnectionTestMutation } from 'data/connections/connection-test-mutation'
import { useConnectionsQuery } from 'data/connections/connections-query'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { ConnectionFormPanel } from './ConnectionFormPanel'
import { ConnectionsTable } from './ConnectionsTable'
import type { TestOutcome } from './ConnectionTestOutcome'
import { EngineTabs } from './EngineTabs'
import { ENGINE_LABELS } from './engines'

type PanelState = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; connection: Connection }

/**
 * Settings → Connections: one tab per engine (`?engine=`), `?add=1` opens the add panel. Members whose
 * role may not manage connections see the list without any write control.
 */
export function ConnectionsSettings({ projectRef }: { projectRef: string }) {
  const router = useRouter()
  const engineParam = databaseTypeSchema.safeParse(router.query.engine)
  const type: DatabaseType = engineParam.success ? engineParam.data : 'postgres'
  const { role, can } = useProjectPermissions(projectRef)
  const canManage = can('admin')

  const { data: connections, error, isLoading } = useConnectionsQuery({ ref: projectRef, type })
  const testMutation = useConnectionTestMutation()
  const deleteMutation = useConnectionDeleteMutation()
  const [testOutcomes, setTestOutcomes] = useState<Record<string, TestOutcome>>({})
  const [panel, setPanel] = useState<PanelState>({ mode: 'closed' })
  const [deleting, setDeleting] = useState<Connection>()

  // Static pages get their query string after hydration, so `?add=1` is read once it is there.
  const addRequested = router.isReady && router.query.add === '1'
  useEffect(() => {
    if (addRequested && canManage) setPanel({ mode: 'add' })
  }, [addRequested, canManage])

  const setEngine = (next: DatabaseType) =>
    void router.replace({ pathname: router.pathname, query: { ref: projectRef, engine: next } }, undefined, { shallow: true })

  const closePanel = () => {
    setPanel({ mode: 'closed' })
    if (router.query.add) {
      void router.replace({ pathname: router.pathname, query: { ref: projectRef, engine: type } }, undefined, { shallow: true })
    }
  }

  const runTest = async (connection: Connection) => {
    setTestOutcomes((current) => ({ ...current, [connection.id]: { state: 'pending' } }))
    try {
      const result = await testMutation.trigger({ ref: projectRef, type, id: connection.id })
      setTestOutcomes((current) => ({ ...current, [connection.id]: { state: 'ok', result } }))
      toast.success(`${connection.identifier}: ${result.latencyMs} ms, version ${result.serverVersion}`)
    } catch (caught) {
      setTestOutcomes((current) => ({ ...current, [connection.id]: { state: 'error', error: caught } }))
      toastError(caught, `${connection.identifier}: test failed`)
    }
  }

  const label = ENGINE_LABELS[type]
  return (
    <div className="flex flex-col gap-4">
      <EngineTabs value={type} onChange={setEngine} />
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-foreground-muted">
          {canManage
            ? `The ${label} servers this project can browse. Passwords are stored encrypted and never shown.`
            : `Your role (${role ?? '…'}) can view connections; owners and admins add, edit, test and delete them.`}
        </p>
        {canManage && (
          <Button variant="primary" icon={Plus} onClick={() => setPanel({ mode: 'add' })}>
            Add {label} connection
          </Button>
        )}
      </div>

      {error ? (
        <ErrorMessage error={error} title={`${label} connections could not be loaded`} />
      ) : isLoading || !connections ? (
        <Loading />
      ) : connections.length === 0 ? (
        <EmptyState
          icon={Plug}
          title={`No ${label} connections yet`}
          description={canManage ? `Add a ${label} server to browse it from this project.` : `Ask an owner or admin of this project to add one.`}
          action={
            canManage ? (
              <Button variant="primary" icon={Plus} onClick={() => setPanel({ mode: 'add' })}>
                Add {label} connection
              </Button>
            ) : undefined
          }
        />
      ) : (
        <ConnectionsTable
          type={type}
          connections={connections}
          testOutcomes={testOutcomes}
          actions={
            canManage
              ? {
                  onTest: (connection) => void runTest(connection),
                  onEdit: (connection) => setPanel({ mode: 'edit', connection }),
                  onDelete: setDeleting,
                }
              : undefined
          }
        />
      )}

      {canManage && (
        <ConnectionFormPanel
          projectRef={projectRef}
          type={type}
          open={panel.mode !== 'closed'}
          connection={panel.mode === 'edit' ? panel.connection : undefined}
          onClose={closePanel}
          onSaved={(saved) => void runTest(saved)}
        />
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onClose={() => setDeleting(undefined)}
        title={`Delete connection "${deleting?.identifier ?? ''}"`}
        description={
          <>
            The Studio forgets this {label} server and its stored credentials, and closes its pooled clients. The server and
            its data are not touched.
          </>
        }
        confirmLabel="Delete connection"
        onConfirm={async () => {
          if (!deleting) return
          await deleteMutation.trigger({ ref: projectRef, type, id: deleting.id })
          toast.success(`Connection "${deleting.identifier}" deleted`)
        }}
      />
    </div>
  )
}
