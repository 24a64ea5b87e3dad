import type { MongoCollection } from '@multibase/api-contracts'
import clsx from 'clsx'
import { Database, FileText, Plus, Trash2 } from 'lucide-react'
import Link from 'next/link'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Input } from 'components/ui/Input'
import { Loading } from 'components/ui/Loading'
import { toast } from 'components/ui/toast'
import { useMongoCollectionDropMutation } from 'data/mongodb/collection-drop-mutation'
import { useMongoCollectionsQuery } from 'data/mongodb/collections-query'
import { useMongoDatabaseDropMutation } from 'data/mongodb/database-drop-mutation'
import { useMongoDatabasesQuery } from 'data/mongodb/databases-query'
import { CreateCollectionDialog } from './CreateCollectionDialog'
import { formatBytes, formatCount } from './format'
import { mongoHref } from './MongoLayout'
import { useMongoNamespace } from './useMongoNamespace'
import { VirtualList } from './VirtualList'

const COLUMNS = 'grid grid-cols-[minmax(9rem,2fr)_repeat(5,minmax(4.5rem,1fr))_4.5rem] items-center gap-2'

/**
 * Compass's left tree as two panes: the server's databases, and the chosen database's collections
 * with document count and sizes. Both lists are virtual (servers with thousands of collections exist).
 */
export function CollectionsBrowser({ connectionId, canWrite }: { connectionId: string; canWrite: boolean }) {
  const { ref, db, setNamespace } = useMongoNamespace()
  const databases = useMongoDatabasesQuery({ ref, connectionId })
  const collections = useMongoCollectionsQuery({ ref, connectionId, db })
  const dropDatabase = useMongoDatabaseDropMutation()
  const dropCollection = useMongoCollectionDropMutation()
  const [creating, setCreating] = useState<'database' | 'collection' | undefined>()
  const [dropping, setDropping] = useState<{ kind: 'database'; name: string } | { kind: 'collection'; name: string } | undefined>()

  const [databaseFilter, setDatabaseFilter] = useState('')
  const databaseList = (databases.data ?? []).filter((database) => database.name.toLowerCase().includes(databaseFilter.trim().toLowerCase()))
  const collectionList: MongoCollection[] = collections.data ?? []

  return (
    <div className="flex min-h-0 flex-1 gap-4">
      <section aria-label="Databases" className="flex w-64 shrink-0 flex-col overflow-hidden rounded-md border border-border bg-surface">
        <header className="flex h-10 items-center justify-between border-b border-border px-3">
          <h2 className="text-xs font-medium text-foreground">Databases</h2>
          {canWrite && (
            <Button size="tiny" icon={Plus} onClick={() => setCreating('database')}>
              Create database
            </Button>
          )}
        </header>
        <div className="border-b border-border p-2">
          <Input
            aria-label="Filter databases"
            placeholder="Filter databases"
            value={databaseFilter}
            onChange={(event) => setDatabaseFilter(event.target.value)}
            className="h-7 text-xs"
          />
        </div>
        {databases.error ? (
          <div className="p-3">
            <ErrorMessage error={databases.error} title="Databases could not be listed" />
          </div>
        ) : databases.isLoading ? (
          <Loading className="p-3" />
        ) : databaseList.length === 0 ? (
          <p className="p-3 text-xs text-foreground-muted">{databaseFilter ? 'No database matches the filter.' : 'No databases yet.'}</p>
        ) : (
          <VirtualList
            label="Database list"
            className="min-h-0 flex-1 p-1"
            count={databaseList.length}
            estimateSize={30}
            getKey={(index) => databaseList[index].name}
            activeIndex={databaseList.findIndex((database) => database.name === db)}
            renderRow={(index) => {
              const database = databaseList[index]
              const active = database.name === db
              return (
                <button
                  type="button"
                  onClick={() => setNamespace({ db: database.name })}
                  aria-current={active ? 'true' : undefined}
                  className={clsx(
                    'flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-xs',
                    active ? 'bg-surface-raised font-medium text-foreground' : 'text-foreground-light hover:bg-surface-raised/60'
                  )}
                >
                  <Database className={clsx('h-3.5 w-3.5 shrink-0', active ? 'text-brand' : 'text-foreground-muted')} aria-hidden />
                  <span className="min-w-0 flex-1 truncate">{database.name}</span>
                  <span className="shrink-0 font-mono text-xxs text-foreground-muted">{formatBytes(database.sizeOnDisk)}</span>
                </button>
              )
            }}
          />
        )}
      </section>

      <section aria-label="Collections" className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-md border border-border bg-surface">
        <header className="flex h-10 items-center justify-between gap-2 border-b border-border px-3">
          <h2 className="truncate text-xs font-medium text-foreground">{db ? `Collections of ${db}` : 'Collections'}</h2>
          {db && canWrite && (
            <div className="flex gap-1">
              <Button size="tiny" icon={Plus} onClick={() => setCreating('collection')}>
                Create collection
              </Button>
              <Button size="tiny" variant="danger" icon={Trash2} onClick={() => setDropping({ kind: 'database', name: db })}>
                Drop database
              </Button>
            </div>
          )}
        </header>
        {!db ? (
          <div className="p-4">
            <EmptyState icon={Database} title="Choose a database" description="Its collections, document counts and sizes show here." />
          </div>
        ) : collections.error ? (
          <div className="p-3">
            <ErrorMessage error={collections.error} title="Collections could not be listed" />
          </div>
        ) : collections.isLoading ? (
          <Loading className="p-3" />
        ) : collectionList.length === 0 ? (
          <p className="p-3 text-xs text-foreground-muted">This database has no collections.</p>
        ) : (
          <>
            <div className={clsx(COLUMNS, 'border-b border-border bg-surface-raised px-3 py-2 text-xxs font-medium uppercase tracking-wide text-foreground-muted')}>
              <span>Name</span>
              <span className="text-right">Documents</span>
              <span className="text-right">Avg. size</span>
              <span className="text-right">Data size</span>
              <span className="text-right">Storage</span>
              <span className="text-right">Indexes</span>
              <span />
            </div>
            <VirtualList
              label="Collection list"
              className="min-h-0 flex-1 overflow-x-hidden"
              count={collectionList.length}
              estimateSize={34}
              getKey={(index) => collectionList[index].name}
              renderRow={(index) => {
                const collection = collectionList[index]
                const stats = collection.stats
                return (
                  <div data-collection={collection.name} className={clsx(COLUMNS, 'border-b border-border px-3 py-1.5 text-xs hover:bg-surface-raised/60')}>
                    <Link
                      href={mongoHref(ref, 'documents', { connectionId, db, coll: collection.name })}
                      className="flex min-w-0 items-center gap-2 font-medium text-foreground hover:text-brand"
                    >
                      <FileText className="h-3.5 w-3.5 shrink-0 text-foreground-muted" aria-hidden />
                      <span className="truncate">{collection.name}</span>
                      {collection.type !== 'collection' && <span className="text-xxs text-foreground-muted">({collection.type})</span>}
                    </Link>
                    <span className="text-right font-mono">{stats ? formatCount(stats.count) : '—'}</span>
                    <span className="text-right font-mono text-foreground-light">{stats ? formatBytes(stats.avgObjSize) : '—'}</span>
                    <span className="text-right font-mono text-foreground-light">{stats ? formatBytes(stats.size) : '—'}</span>
                    <span className="text-right font-mono text-foreground-light">{stats ? formatBytes(stats.storageSize) : '—'}</span>
                    <span className="text-right font-mono text-foreground-light">
                      {stats ? `${stats.nindexes} (${formatBytes(stats.totalIndexSize)})` : '—'}
                    </span>
                    <span className="flex justify-end">
                      {canWrite && (
                        <Button
                          size="tiny"
                          variant="ghost"
                          icon={Trash2}
                          aria-label={`Drop collection ${collection.name}`}
                          onClick={() => setDropping({ kind: 'collection', name: collection.name })}
                        >
                          Drop
                        </Button>
                      )}
                    </span>
                  </div>
                )
              }}
            />
          </>
        )}
      </section>

      {canWrite && (
        <CreateCollectionDialog
          open={creating !== undefined}
          withDatabase={creating === 'database'}
          db={db}
          connectionId={connectionId}
          onClose={() => setCreating(undefined)}
          onCreated={(database, collection) => {
            toast.success(`Created ${database}.${collection}`)
            setNamespace({ db: database })
          }}
        />
      )}
      {canWrite && dropping && db && (
        <ConfirmDialog
          open
          onClose={() => setDropping(undefined)}
          title={dropping.kind === 'database' ? `Drop database "${dropping.name}"` : `Drop collection "${dropping.name}"`}
          description={
            dropping.kind === 'database'
              ? 'Every collection, document and index of this database is deleted. This cannot be undone.'
              : 'Every document and index of this collection is deleted. This cannot be undone.'
          }
          confirmText={dropping.name}
          confirmLabel={dropping.kind === 'database' ? 'Drop database' : 'Drop collection'}
          onConfirm={async () => {
            if (dropping.kind === 'database') {
              await dropDatabase.trigger({ ref, connectionId, db: dropping.name })
              setNamespace({})
            } else {
              await dropCollection.trigger({ ref, connectionId, db, coll: dropping.name })
            }
            toast.success(`Dropped ${dropping.name}`)
          }}
        />
      )}
    </div>
  )
}
