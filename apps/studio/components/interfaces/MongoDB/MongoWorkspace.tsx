import type { Connection } from '@multibase/api-contracts'
import { FolderTree, Plug } from 'lucide-react'
import Link from 'next/link'
import type { ReactNode } from 'react'

import { ConnectionSwitcher } from 'components/interfaces/Connections/ConnectionSwitcher'
import { connectionsSettingsHref } from 'components/interfaces/Connections/engines'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Select } from 'components/ui/Select'
import { useMongoCollectionsQuery } from 'data/mongodb/collections-query'
import { useMongoDatabasesQuery } from 'data/mongodb/databases-query'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { useSelectedConnection } from 'hooks/useSelectedConnection'
import { mongoHref } from './MongoLayout'
import { useMongoNamespace } from './useMongoNamespace'

export interface MongoWorkspaceContext {
  ref: string
  connection: Connection
  /** Set once a database and collection are chosen. */
  target: MongoCollectionTarget | undefined
  canWrite: boolean
}

/**
 * The top of a MongoDB panel: heading, database and collection pickers, connection switcher. Renders
 * its children with the chosen target, or says what is missing (a connection, a collection).
 */
export function MongoWorkspace({
  title,
  description,
  needsCollection,
  children,
}: {
  title: string
  description: string
  needsCollection: boolean
  children: (context: MongoWorkspaceContext) => ReactNode
}) {
  const { ref, db, coll, setNamespace } = useMongoNamespace()
  const { connections, selected, select, error, isLoading } = useSelectedConnection(ref, 'mongodb')
  const { can } = useProjectPermissions(ref)
  const databases = useMongoDatabasesQuery({ ref, connectionId: selected?.id })
  const collections = useMongoCollectionsQuery({ ref, connectionId: selected?.id, db: needsCollection ? db : undefined })

  const target = selected && db && coll ? { ref, connectionId: selected.id, db, coll } : undefined
  let body: ReactNode
  if (error) body = <ErrorMessage error={error} title="MongoDB connections could not be loaded" />
  else if (isLoading) body = <Loading />
  else if (!selected) {
    body = (
      <EmptyState
        icon={Plug}
        title="This project has no MongoDB connection"
        description={can('admin') ? 'Add a MongoDB server in Settings → Connections to browse it here.' : 'An owner or admin of this project can add one in Settings → Connections.'}
        action={
          can('admin') ? (
            <Link href={connectionsSettingsHref(ref, 'mongodb', { add: true })} className="text-xs text-brand underline">
              Add a connection
            </Link>
          ) : undefined
        }
      />
    )
  } else if (needsCollection && !target) {
    body = (
      <EmptyState
        icon={FolderTree}
        title="Choose a collection"
        description="Pick a database and a collection above, or open one from the Collections page."
        action={
          <Link href={mongoHref(ref, 'collections', { connectionId: selected.id, db })} className="text-xs text-brand underline">
            Browse collections
          </Link>
        }
      />
    )
  } else body = children({ ref, connection: selected, target, canWrite: can('write') })

  return (
    <div className="flex min-h-0 w-full flex-1 flex-col gap-4 px-6 py-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-lg font-medium text-foreground">{title}</h1>
          <p className="text-xs text-foreground-muted">{description}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {needsCollection && selected && (
            <>
              <Select
                aria-label="Database"
                className="w-48"
                value={db ?? ''}
                placeholder="Database…"
                onChange={(event) => setNamespace({ db: event.target.value || undefined })}
                options={(databases.data ?? []).map((database) => ({ value: database.name, label: database.name }))}
              />
              <Select
                aria-label="Collection"
                className="w-48"
                value={coll ?? ''}
                placeholder="Collection…"
                disabled={!db}
                onChange={(event) => setNamespace({ db, coll: event.target.value || undefined })}
                options={(collections.data ?? []).map((collection) => ({ value: collection.name, label: collection.name }))}
              />
            </>
          )}
          <ConnectionSwitcher type="mongodb" connections={connections} selected={selected} onSelect={select} />
        </div>
      </div>
      {databases.error && needsCollection && <ErrorMessage error={databases.error} title="Databases could not be listed" />}
      {body}
    </div>
  )
}
