import type { BackupEngine } from '@multibase/api-contracts'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { useBackupCreateMutation } from 'data/backups/backup-create-mutation'
import { useConnectionsQuery } from 'data/connections/connections-query'
import { ENGINE_LABELS, nameList } from './format'

/** Picks an engine, one of its connections and what to include, then starts the backup job. */
export function CreateBackupDialog({ projectRef, open, onClose }: { projectRef: string; open: boolean; onClose: () => void }) {
  const [engine, setEngine] = useState<BackupEngine>('postgres')
  const [connectionId, setConnectionId] = useState('')
  const [kind, setKind] = useState<'full' | 'schema' | 'data'>('full')
  const [names, setNames] = useState('')
  const [pattern, setPattern] = useState('')
  const [database, setDatabase] = useState('')
  const { data: connections } = useConnectionsQuery({ ref: projectRef, type: engine })
  const { trigger, isMutating, error, reset } = useBackupCreateMutation()
  const chosen = connectionId || connections?.[0]?.id || ''

  async function submit() {
    const body =
      engine === 'postgres'
        ? { engine, connectionId: chosen, kind, tables: nameList(names) }
        : engine === 'redis'
          ? { engine, connectionId: chosen, pattern: pattern || undefined }
          : { engine, connectionId: chosen, database: database || undefined, collections: nameList(names) }
    await trigger({ ref: projectRef, body })
    reset()
    onClose()
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create backup"
      description="Runs as a background job; the file is compressed and its sha256 recorded."
      onSubmit={(event) => {
        event.preventDefault()
        void submit().catch(() => undefined)
      }}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={isMutating} disabled={!chosen}>
            Start backup
          </Button>
        </>
      }
    >
      <FormField label="Engine">
        {(id) => (
          <Select
            id={id}
            value={engine}
            onChange={(event) => {
              setEngine(event.target.value as BackupEngine)
              setConnectionId('')
              setNames('')
            }}
            options={Object.entries(ENGINE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        )}
      </FormField>
      <FormField label="Connection">
        {(id) => (
          <Select
            id={id}
            value={chosen}
            onChange={(event) => setConnectionId(event.target.value)}
            placeholder={connections?.length ? undefined : 'No connection of this engine'}
            options={(connections ?? []).map((connection) => ({ value: connection.id, label: connection.identifier }))}
          />
        )}
      </FormField>
      {engine === 'postgres' && (
        <FormField label="Contents">
          {(id) => (
            <Select
              id={id}
              value={kind}
              onChange={(event) => setKind(event.target.value as typeof kind)}
              options={[
                { value: 'full', label: 'Schema and data' },
                { value: 'schema', label: 'Schema only' },
                { value: 'data', label: 'Data only' },
              ]}
            />
          )}
        </FormField>
      )}
      {engine === 'redis' && (
        <FormField label="Key pattern" description="A SCAN MATCH glob; empty backs up every key.">
          {(id) => <Input id={id} value={pattern} placeholder="*" onChange={(event) => setPattern(event.target.value)} />}
        </FormField>
      )}
      {engine === 'mongodb' && (
        <FormField label="Database" description="Empty: the connection's default database.">
          {(id) => <Input id={id} value={database} onChange={(event) => setDatabase(event.target.value)} />}
        </FormField>
      )}
      {engine !== 'redis' && (
        <FormField label={engine === 'postgres' ? 'Tables (optional)' : 'Collections (optional)'} description="Comma-separated; empty includes all.">
          {(id) => (
            <Input id={id} value={names} placeholder={engine === 'postgres' ? 'public.orders, public.customers' : 'orders, customers'} onChange={(event) => setNames(event.target.value)} />
          )}
        </FormField>
      )}
      {error && <ErrorMessage error={error} />}
    </Dialog>
  )
}
