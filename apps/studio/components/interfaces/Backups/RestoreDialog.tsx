import type { Backup } from '@multibase/api-contracts'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { Checkbox } from 'components/ui/Checkbox'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { useBackupJobQuery } from 'data/backups/backup-job-query'
import { useBackupRestoreMutation } from 'data/backups/backup-restore-mutation'
import { useConnectionsQuery } from 'data/connections/connections-query'
import { nameList } from './format'
import { JobProgress } from './JobProgress'

interface Plan {
  create: string[]
  overwrite: string[]
  keep: string[]
  counts: { create: number; overwrite: number; keep: number }
}

function PlanReport({ plan }: { plan: Plan }) {
  return (
    <div className="flex flex-col gap-2 rounded border border-border p-3 text-xs" data-testid="restore-plan">
      {(['create', 'overwrite', 'keep'] as const).map((bucket) => (
        <div key={bucket}>
          <span className="font-medium">
            {bucket === 'create' ? 'Would create' : bucket === 'overwrite' ? 'Would overwrite' : 'Would leave as is'}: {plan.counts[bucket]}
          </span>
          {plan[bucket].length > 0 && <p className="break-all font-mono text-foreground-light">{plan[bucket].slice(0, 20).join(', ')}</p>}
        </div>
      ))}
    </div>
  )
}

/**
 * Restore in two steps: a dry run shows what would be created or overwritten in the chosen target;
 * only then can the restore itself be started. The stored file's sha256 is checked before both.
 */
export function RestoreDialog({ projectRef, backup, onClose }: { projectRef: string; backup: Backup; onClose: () => void }) {
  const { data: connections } = useConnectionsQuery({ ref: projectRef, type: backup.engine })
  const [connectionId, setConnectionId] = useState(backup.connectionId ?? '')
  const [mode, setMode] = useState<'full' | 'schema' | 'data'>('full')
  const [clean, setClean] = useState(false)
  const [replace, setReplace] = useState(false)
  const [names, setNames] = useState('')
  const [pattern, setPattern] = useState('')
  const [database, setDatabase] = useState('')
  const [dryJob, setDryJob] = useState<string | null>(null)
  const [runJob, setRunJob] = useState<string | null>(null)
  const { trigger, isMutating, error } = useBackupRestoreMutation()
  const { data: dry } = useBackupJobQuery({ ref: projectRef, jobId: dryJob })
  const { data: run } = useBackupJobQuery({ ref: projectRef, jobId: runJob })
  const chosen = connectionId || connections?.[0]?.id || ''
  const plan = dry?.state === 'completed' ? ((dry.progress as { plan?: Plan }).plan ?? null) : null

  const body = (dryRun: boolean) => ({
    connectionId: chosen,
    dryRun,
    ...(backup.engine === 'postgres' ? { mode, clean, tables: nameList(names) } : {}),
    ...(backup.engine === 'redis' ? { replace, pattern: pattern || undefined } : {}),
    ...(backup.engine === 'mongodb' ? { replace, collections: nameList(names), database: database || undefined } : {}),
  })
  // Any change of options invalidates the dry run: the restore runs exactly what was previewed.
  const changed = () => {
    setDryJob(null)
    setRunJob(null)
  }

  return (
    <Dialog
      open
      size="large"
      onClose={onClose}
      title="Restore backup"
      description={`Backup of ${backup.createdAt} (${backup.engine}). A dry run comes first; nothing is written until you confirm.`}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button
            loading={isMutating && !plan}
            disabled={!chosen}
            onClick={() => void trigger({ ref: projectRef, id: backup.id, body: body(true) }).then((started) => setDryJob(started.jobId)).catch(() => undefined)}
          >
            Dry run
          </Button>
          <Button
            variant="danger"
            disabled={!plan || runJob !== null}
            onClick={() => void trigger({ ref: projectRef, id: backup.id, body: body(false) }).then((started) => setRunJob(started.jobId)).catch(() => undefined)}
          >
            Restore
          </Button>
        </>
      }
    >
      <FormField label="Target connection">
        {(id) => (
          <Select
            id={id}
            value={chosen}
            onChange={(event) => {
              setConnectionId(event.target.value)
              changed()
            }}
            options={(connections ?? []).map((connection) => ({ value: connection.id, label: connection.identifier }))}
          />
        )}
      </FormField>
      {backup.engine === 'postgres' && (
        <>
          <FormField label="Restore">
            {(id) => (
              <Select
                id={id}
                value={mode}
                onChange={(event) => {
                  setMode(event.target.value as typeof mode)
                  changed()
                }}
                options={[
                  { value: 'full', label: 'Schema and data' },
                  { value: 'schema', label: 'Schema only' },
                  { value: 'data', label: 'Data only' },
                ]}
              />
            )}
          </FormField>
          <Checkbox label="Drop existing objects first (--clean --if-exists)" checked={clean} onChange={(event) => (setClean(event.target.checked), changed())} />
        </>
      )}
      {backup.engine === 'redis' && (
        <FormField label="Key pattern" description="Only keys matching this glob are restored.">
          {(id) => <Input id={id} value={pattern} placeholder="*" onChange={(event) => (setPattern(event.target.value), changed())} />}
        </FormField>
      )}
      {backup.engine === 'mongodb' && (
        <FormField label="Target database" description="Empty: the database the backup was taken from.">
          {(id) => <Input id={id} value={database} onChange={(event) => (setDatabase(event.target.value), changed())} />}
        </FormField>
      )}
      {backup.engine !== 'redis' && (
        <FormField label={backup.engine === 'postgres' ? 'Only these tables (optional)' : 'Only these collections (optional)'}>
          {(id) => <Input id={id} value={names} onChange={(event) => (setNames(event.target.value), changed())} />}
        </FormField>
      )}
      {backup.engine !== 'postgres' && (
        <Checkbox
          label={backup.engine === 'redis' ? 'Replace existing keys' : 'Replace documents with the same _id'}
          checked={replace}
          onChange={(event) => (setReplace(event.target.checked), changed())}
        />
      )}
      {dry && !plan && <JobProgress job={dry} />}
      {plan && <PlanReport plan={plan} />}
      {run && <JobProgress job={run} />}
      {run?.state === 'completed' && <p className="text-xs text-brand">Restore finished.</p>}
      {error && <ErrorMessage error={error} />}
    </Dialog>
  )
}
