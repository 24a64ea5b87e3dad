import type { Connection, SyncEndpoints, SyncScope } from '@multibase/api-contracts'
import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { useConnectionsQuery } from 'data/connections/connections-query'

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)

/** `schema.name` pairs; the first dot splits, as object names in the report are written. */
const pairs = <K extends string>(text: string, first: K) =>
  list(text).map((item) => {
    const dot = item.indexOf('.')
    return { [first]: item.slice(0, dot), name: item.slice(dot + 1) } as Record<K | 'name', string>
  })

function scopeFrom(fields: Record<'schemas' | 'tables' | 'collections' | 'targetSchema' | 'documentMapping' | 'keyPattern', string>): SyncScope {
  const scope: SyncScope = {}
  if (fields.schemas) scope.schemas = list(fields.schemas)
  if (fields.tables) scope.tables = pairs(fields.tables, 'schema')
  if (fields.collections) scope.collections = pairs(fields.collections, 'db')
  if (fields.targetSchema) scope.targetSchema = fields.targetSchema
  if (fields.documentMapping) scope.documentMapping = fields.documentMapping as SyncScope['documentMapping']
  if (fields.keyPattern) scope.keyPattern = fields.keyPattern
  return scope
}

/** Picks a source and a target among the project's connections of every engine, and the scope. */
export function SyncCompareForm({ projectRef, onCompare }: { projectRef: string; onCompare: (endpoints: SyncEndpoints) => void }) {
  const postgres = useConnectionsQuery({ ref: projectRef, type: 'postgres' })
  const mongodb = useConnectionsQuery({ ref: projectRef, type: 'mongodb' })
  const redis = useConnectionsQuery({ ref: projectRef, type: 'redis' })
  const connections: Connection[] = [...(postgres.data ?? []), ...(mongodb.data ?? []), ...(redis.data ?? [])]
  const options = connections.map((connection) => ({ value: connection.id, label: `${connection.type} · ${connection.identifier}` }))
  const [fields, setFields] = useState({ source: '', target: '', schemas: '', tables: '', collections: '', targetSchema: '', documentMapping: '', keyPattern: '' })
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onCompare({ sourceConnectionId: fields.source, targetConnectionId: fields.target, scope: scopeFrom(fields) })
  }

  return (
    <form aria-label="Compare connections" onSubmit={submit} className="grid grid-cols-2 gap-3 rounded-md border border-border p-3">
      <FormField label="Source">{(id) => <Select id={id} placeholder="Choose a connection" options={options} value={fields.source} onChange={set('source')} />}</FormField>
      <FormField label="Target">{(id) => <Select id={id} placeholder="Choose a connection" options={options} value={fields.target} onChange={set('target')} />}</FormField>
      <FormField label="Schemas" description="Postgres: comma-separated; empty means all">
        {(id) => <Input id={id} value={fields.schemas} onChange={set('schemas')} placeholder="public, crm" />}
      </FormField>
      <FormField label="Tables" description="Postgres: schema.table, comma-separated">
        {(id) => <Input id={id} value={fields.tables} onChange={set('tables')} placeholder="public.orders" />}
      </FormField>
      <FormField label="Collections" description="MongoDB: db.collection, comma-separated">
        {(id) => <Input id={id} value={fields.collections} onChange={set('collections')} placeholder="app.users" />}
      </FormField>
      <FormField label="Key pattern" description="Redis: a SCAN MATCH pattern">
        {(id) => <Input id={id} value={fields.keyPattern} onChange={set('keyPattern')} placeholder="session:*" />}
      </FormField>
      <FormField label="Target schema" description="MongoDB → Postgres (default public)">
        {(id) => <Input id={id} value={fields.targetSchema} onChange={set('targetSchema')} placeholder="public" />}
      </FormField>
      <FormField label="Document mapping" description="MongoDB → Postgres">
        {(id) => (
          <Select
            id={id}
            value={fields.documentMapping}
            onChange={set('documentMapping')}
            options={[
              { value: '', label: 'jsonb (_id, doc)' },
              { value: 'columns', label: 'columns inferred from documents' },
            ]}
          />
        )}
      </FormField>
      <div className="col-span-2 flex justify-end">
        <Button type="submit" variant="primary" disabled={!fields.source || !fields.target || fields.source === fields.target}>
          Compare
        </Button>
      </div>
    </form>
  )
}
