import type { MongoIndex } from '@multibase/api-contracts'
import { EJSON } from 'bson'
import { Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { toast } from 'components/ui/toast'
import { useMongoIndexDropMutation } from 'data/mongodb/index-drop-mutation'
import { useMongoIndexesQuery } from 'data/mongodb/indexes-query'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { CreateIndexPanel } from './CreateIndexPanel'

const keyText = (key: Record<string, unknown>) =>
  Object.entries(key)
    .map(([field, direction]) => `${field}: ${JSON.stringify(direction)}`)
    .join(', ')

/** MongoDB → Indexes: the collection's indexes with keys and options; create and drop (writers only). */
export function IndexesPanel({ target, canWrite }: { target: MongoCollectionTarget; canWrite: boolean }) {
  const { data, error, isLoading } = useMongoIndexesQuery(target)
  const dropIndex = useMongoIndexDropMutation()
  const [creating, setCreating] = useState(false)
  const [dropping, setDropping] = useState<MongoIndex>()

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <p className="text-xs text-foreground-muted">{data ? `${data.length} index${data.length === 1 ? '' : 'es'} on ${target.db}.${target.coll}` : ''}</p>
        {canWrite && (
          <Button variant="primary" size="tiny" icon={Plus} onClick={() => setCreating(true)}>
            Create index
          </Button>
        )}
      </div>
      {error ? (
        <ErrorMessage error={error} title="Indexes could not be listed" />
      ) : isLoading || !data ? (
        <Loading />
      ) : (
        <Table aria-label="Indexes">
          <thead>
            <Tr className="hover:bg-transparent">
              <Th>Name</Th>
              <Th>Keys</Th>
              <Th>Options</Th>
              {canWrite && <Th className="text-right">Actions</Th>}
            </Tr>
          </thead>
          <tbody>
            {data.map((index) => (
              <Tr key={index.name} data-index-name={index.name}>
                <Td className="font-mono font-medium">{index.name}</Td>
                <Td className="font-mono text-foreground-light">{keyText(index.key)}</Td>
                <Td>
                  <div className="flex flex-wrap items-center gap-1">
                    {index.unique && <Badge variant="brand">unique</Badge>}
                    {index.sparse && <Badge>sparse</Badge>}
                    {index.hidden && <Badge variant="warning">hidden</Badge>}
                    {index.expireAfterSeconds !== undefined && <Badge>TTL {index.expireAfterSeconds}s</Badge>}
                    {index.partialFilterExpression && (
                      <Badge title={EJSON.stringify(index.partialFilterExpression)}>partial</Badge>
                    )}
                    {index.partialFilterExpression && (
                      <span className="font-mono text-xxs text-foreground-muted">{EJSON.stringify(index.partialFilterExpression)}</span>
                    )}
                  </div>
                </Td>
                {canWrite && (
                  <Td className="text-right">
                    {index.name !== '_id_' && (
                      <Button size="tiny" variant="danger" icon={Trash2} aria-label={`Drop index ${index.name}`} onClick={() => setDropping(index)}>
                        Drop
                      </Button>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {canWrite && <CreateIndexPanel target={target} open={creating} onClose={() => setCreating(false)} />}
      {canWrite && dropping && (
        <ConfirmDialog
          open
          onClose={() => setDropping(undefined)}
          title={`Drop index "${dropping.name}"`}
          description={`Queries using ${keyText(dropping.key)} become collection scans${dropping.unique ? ', and uniqueness is no longer enforced' : ''}.`}
          confirmText={dropping.name}
          confirmLabel="Drop index"
          onConfirm={async () => {
            await dropIndex.trigger({ ...target, name: dropping.name })
            toast.success(`Dropped index ${dropping.name}`)
          }}
        />
      )}
    </div>
  )
}
