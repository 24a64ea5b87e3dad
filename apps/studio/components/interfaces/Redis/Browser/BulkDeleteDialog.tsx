import { FINAL_JOB_STATES, type RedisBulkDeleteProgress } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { toastError } from 'components/ui/toast'
import { useRedisBulkDeleteMutation } from 'data/redis/redis-bulk-delete-mutation'
import { useRedisJobCancelMutation } from 'data/redis/redis-job-cancel-mutation'
import { useRedisJobQuery } from 'data/redis/redis-job-query'
import { formatCount } from './key-names'

/** Keyspace slots per SCAN batch: small enough that a large delete reports progress often. */
const BATCH_SIZE = 500

function progressOf(figures: Record<string, unknown> | null | undefined): RedisBulkDeleteProgress | undefined {
  if (!figures || typeof figures.deleted !== 'number') return undefined
  return figures as unknown as RedisBulkDeleteProgress
}

/**
 * Bulk delete by pattern: a background job the dialog follows with a progress bar. The bar is how
 * much of the keyspace SCAN has walked (batches × batch size against the key count when it started),
 * which is known before the number of matching keys is.
 */
export function BulkDeleteDialog({
  open,
  onClose,
  projectRef,
  connectionId,
  initialPattern,
  keyspaceSize,
  onEnded,
}: {
  open: boolean
  onClose: () => void
  projectRef: string
  connectionId: string
  initialPattern: string
  /** DBSIZE when the dialog opened. */
  keyspaceSize: number
  onEnded: () => void
}) {
  const [pattern, setPattern] = useState(initialPattern)
  const [typed, setTyped] = useState('')
  const [jobId, setJobId] = useState<string>()
  const [startedWith, setStartedWith] = useState(keyspaceSize)
  const start = useRedisBulkDeleteMutation()
  const cancel = useRedisJobCancelMutation()
  const { data: job, error: jobError } = useRedisJobQuery({ ref: projectRef, jobId })

  useEffect(() => {
    if (open && !jobId) setPattern(initialPattern)
  }, [open, initialPattern, jobId])

  const ended = job !== undefined && FINAL_JOB_STATES.includes(job.state)
  const running = jobId !== undefined && !ended

  useEffect(() => {
    if (ended) onEnded()
    // Refresh the key list once per job, when it ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended])

  const close = () => {
    if (running) return
    setJobId(undefined)
    setTyped('')
    start.reset()
    onClose()
  }

  const submit = async () => {
    try {
      setStartedWith(keyspaceSize)
      const started = await start.trigger({ ref: projectRef, connectionId, body: { pattern, batchSize: BATCH_SIZE } })
      setJobId(started.jobId)
    } catch {
      // Shown inline from start.error.
    }
  }

  const figures = progressOf(job?.result) ?? progressOf(job?.progress)
  const fraction = job?.state === 'completed' || figures?.finished ? 1 : figures ? Math.min(0.99, (figures.batches * BATCH_SIZE) / Math.max(startedWith, 1)) : 0
  const percent = Math.round(fraction * 100)

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Delete keys by pattern"
      description="Every key matching the pattern is unlinked by a background job, in batches."
      onSubmit={jobId ? undefined : () => void submit()}
      footer={
        jobId ? (
          running ? (
            <Button
              variant="danger"
              loading={cancel.isMutating}
              onClick={() => void cancel.trigger({ ref: projectRef, jobId }).catch((error) => toastError(error, 'The job could not be cancelled'))}
            >
              Cancel job
            </Button>
          ) : (
            <Button onClick={close}>Done</Button>
          )
        ) : (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="danger" loading={start.isMutating} disabled={!pattern || typed !== pattern}>
              Delete matching keys
            </Button>
          </>
        )
      }
    >
      {!jobId ? (
        <>
          <FormField label="Pattern" description="A SCAN glob: * any characters, ? one character, [abc] one of.">
            {(id) => <Input id={id} className="font-mono" value={pattern} onChange={(event) => setPattern(event.target.value)} autoComplete="off" />}
          </FormField>
          <label className="flex flex-col gap-1.5 text-xs text-foreground-light">
            <span>
              Type <span className="font-mono text-foreground">{pattern || 'the pattern'}</span> to confirm
            </span>
            <Input aria-label="Confirm pattern" className="font-mono" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
          </label>
          {start.error && <ErrorMessage error={start.error} />}
        </>
      ) : (
        <div className="flex flex-col gap-3" data-testid="bulk-delete-progress">
          <div className="flex items-center justify-between text-xs">
            <span className="font-mono text-foreground">{pattern}</span>
            <span data-testid="bulk-delete-state" className="text-foreground-muted">
              {job?.state ?? 'starting'}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="Bulk delete progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded-full bg-surface-raised"
          >
            <div
              className={job?.state === 'failed' ? 'h-full bg-destructive' : job?.state === 'cancelled' ? 'h-full bg-warning' : 'h-full bg-brand transition-[width]'}
              style={{ width: `${percent}%` }}
            />
          </div>
          <p className="text-xs text-foreground-light" data-testid="bulk-delete-figures">
            {figures ? `${formatCount(figures.deleted)} keys deleted · ${percent}% of the keyspace scanned` : 'Waiting for the first batch…'}
          </p>
          {job?.state === 'completed' && <p className="text-xs text-brand">Done: every key matching the pattern was deleted.</p>}
          {job?.state === 'cancelled' && <p className="text-xs text-warning">Cancelled: keys deleted before the cancel stay deleted.</p>}
          {job?.state === 'failed' && <ErrorMessage error={new Error(job.error ?? 'The job failed')} title="The bulk delete failed" />}
          {jobError && <ErrorMessage error={jobError} title="The job's progress could not be read" />}
        </div>
      )}
    </Dialog>
  )
}
