import type { JobStatus } from '@multibase/api-contracts'

/**
 * A job's live progress: a bar (determinate when the engine knows its total, e.g. MongoDB
 * collections) and what it is working on now.
 */
export function JobProgress({ job }: { job: JobStatus | undefined }) {
  if (!job) return null
  const progress = job.progress as { phase?: string; current?: string | null; done?: number; total?: number | null }
  const total = typeof progress.total === 'number' && progress.total > 0 ? progress.total : null
  const done = job.state === 'completed' ? (total ?? 1) : (progress.done ?? 0)
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : job.state === 'completed' ? 100 : null
  return (
    <div className="flex min-w-40 flex-col gap-1" data-testid="job-progress">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-1.5 w-full overflow-hidden rounded bg-surface-raised"
      >
        <div className={percent === null ? 'h-full w-1/3 animate-pulse bg-brand' : 'h-full bg-brand transition-all'} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <span className="text-xs text-foreground-light">
        {job.state === 'failed' ? job.error : [progress.phase, progress.current].filter(Boolean).join(' · ') || job.state}
      </span>
    </div>
  )
}
