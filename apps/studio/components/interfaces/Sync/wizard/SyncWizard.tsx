import type { DatabaseType, SyncConflictPolicy, SyncDirection, SyncMode, SyncScope } from '@multibase/api-contracts'
import { useRouter } from 'next/router'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { toastError } from 'components/ui/toast'
import { useConnectionsQuery } from 'data/connections/connections-query'
import { useSyncJobActionMutation, useSyncJobCreateMutation } from 'data/sync/sync-job-mutations'
import { DIRECTION_LABEL } from '../sync-labels'
import { MigrationReviewStep, ValidateStep } from './SchemaSteps'
import { scopeFromText } from './scope-input'

const STEPS = ['Source', 'Target', 'Scope', 'Mode', 'Validate', 'Review migration', 'Start'] as const

/** Source, target, scope, mode, the schema steps (schema modes), then create and start. */
export function SyncWizard({ projectRef }: { projectRef: string }) {
  const router = useRouter()
  const [step, setStep] = useState(0)
  const [direction, setDirection] = useState<SyncDirection>('postgres->postgres')
  const [sourceConnectionId, setSource] = useState('')
  const [targetConnectionId, setTarget] = useState('')
  const [scopeText, setScopeText] = useState('public')
  const [name, setName] = useState('New sync')
  const [mode, setMode] = useState<SyncMode>('data')
  const [conflictPolicy, setPolicy] = useState<SyncConflictPolicy>('error')
  const [batchSize, setBatchSize] = useState(5000)
  const [targetDatabase, setTargetDatabase] = useState('')
  const [sourceType, targetType] = direction.split('->') as [DatabaseType, DatabaseType]
  const sources = useConnectionsQuery({ ref: projectRef, type: sourceType })
  const targets = useConnectionsQuery({ ref: projectRef, type: targetType })
  const create = useSyncJobCreateMutation()
  const action = useSyncJobActionMutation()
  const scope: SyncScope = scopeFromText(direction, scopeText)
  const endpoints = { sourceConnectionId, targetConnectionId, scope }
  const schemaMode = mode !== 'data'
  // The schema steps apply to schema modes only; data-only syncs skip them.
  const visible = STEPS.map((label, index) => ({ label, index })).filter(({ label }) => schemaMode || (label !== 'Validate' && label !== 'Review migration'))
  const position = visible.findIndex((entry) => entry.index === step)
  const go = (delta: number) => setStep(visible[Math.max(0, Math.min(visible.length - 1, position + delta))].index)
  const options = (rows: typeof sources.data) => (rows ?? []).map((row) => ({ value: row.id, label: `${row.identifier} (${row.host}:${row.port})` }))

  const start = async () => {
    try {
      const job = await create.trigger({
        ref: projectRef,
        body: { name, direction, sourceConnectionId, targetConnectionId, scope, mode, conflictPolicy, batchSize, ...(targetDatabase ? { targetDatabase } : {}) },
      })
      await action.trigger({ ref: projectRef, id: job.id, action: 'start' })
      await router.push(`/project/${encodeURIComponent(projectRef)}/sync/${job.id}`)
    } catch (error) {
      toastError(error, 'The sync could not be started')
    }
  }

  return (
    <div className="flex flex-col gap-4" data-testid="sync-wizard">
      <ol className="flex gap-3 text-xs text-foreground-light">
        {visible.map(({ label, index }) => (
          <li key={label} className={index === step ? 'font-medium text-foreground' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      {STEPS[step] === 'Source' && (
        <>
          <FormField label="Direction">
            {(id) => (
              <Select id={id} value={direction} onChange={(event) => setDirection(event.target.value as SyncDirection)} options={Object.entries(DIRECTION_LABEL).map(([value, label]) => ({ value, label }))} />
            )}
          </FormField>
          <FormField label="Source connection">
            {(id) => <Select id={id} value={sourceConnectionId} placeholder="Choose a connection" onChange={(event) => setSource(event.target.value)} options={options(sources.data)} />}
          </FormField>
        </>
      )}
      {STEPS[step] === 'Target' && (
        <FormField label="Target connection">
          {(id) => (
            <Select
              id={id}
              value={targetConnectionId}
              placeholder="Choose a connection"
              onChange={(event) => setTarget(event.target.value)}
              options={options(targets.data).filter((option) => option.value !== sourceConnectionId)}
            />
          )}
        </FormField>
      )}
      {STEPS[step] === 'Scope' && (
        <>
          <FormField label={sourceType === 'redis' ? 'Key pattern' : sourceType === 'mongodb' ? 'Collections (db.collection, comma separated)' : 'Schemas (comma separated)'}>
            {(id) => <Input id={id} value={scopeText} onChange={(event) => setScopeText(event.target.value)} />}
          </FormField>
          {direction === 'mongodb->mongodb' && (
            <FormField label="Target database (optional)">{(id) => <Input id={id} value={targetDatabase} onChange={(event) => setTargetDatabase(event.target.value)} />}</FormField>
          )}
        </>
      )}
      {STEPS[step] === 'Mode' && (
        <>
          <FormField label="Name">{(id) => <Input id={id} value={name} onChange={(event) => setName(event.target.value)} />}</FormField>
          <FormField label="Mode">
            {(id) => (
              <Select
                id={id}
                value={mode}
                onChange={(event) => setMode(event.target.value as SyncMode)}
                options={['data', 'schema', 'schema+data'].map((value) => ({ value, label: value, disabled: value !== 'data' && direction !== 'postgres->postgres' }))}
              />
            )}
          </FormField>
          <FormField label="When it already exists in the target">
            {(id) => <Select id={id} value={conflictPolicy} onChange={(event) => setPolicy(event.target.value as SyncConflictPolicy)} options={['error', 'skip', 'overwrite'].map((value) => ({ value, label: value }))} />}
          </FormField>
          <FormField label="Batch size">{(id) => <Input id={id} type="number" min={1} max={50000} value={batchSize} onChange={(event) => setBatchSize(Number(event.target.value))} />}</FormField>
        </>
      )}
      {STEPS[step] === 'Validate' && <ValidateStep ref={projectRef} endpoints={endpoints} />}
      {STEPS[step] === 'Review migration' && <MigrationReviewStep ref={projectRef} endpoints={endpoints} />}
      {STEPS[step] === 'Start' && (
        <p className="text-sm" data-testid="sync-summary">
          {name}: {DIRECTION_LABEL[direction]}, {mode}, on conflict {conflictPolicy}, batches of {batchSize}.
        </p>
      )}
      <div className="flex gap-2">
        <Button disabled={position === 0} onClick={() => go(-1)}>
          Back
        </Button>
        {STEPS[step] === 'Start' ? (
          <Button variant="primary" loading={create.isMutating || action.isMutating} onClick={() => void start()}>
            Create and start
          </Button>
        ) : (
          <Button variant="primary" disabled={(step === 0 && !sourceConnectionId) || (step === 1 && !targetConnectionId)} onClick={() => go(1)}>
            Next
          </Button>
        )}
      </div>
    </div>
  )
}
