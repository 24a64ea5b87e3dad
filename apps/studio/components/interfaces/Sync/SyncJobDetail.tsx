import type { SyncJobEvent, SyncProgress } from '@multibase/api-contracts'
import { useMemo } from 'react'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useSWRConfig } from 'swr'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { toastError } from 'components/ui/toast'
import { syncKeys } from 'data/sync/keys'
import { useSyncJobActionMutation, type SyncJobAction } from 'data/sync/sync-job-mutations'
import { useSyncJobEvents } from 'data/sync/sync-job-events'
import { useSyncJobMetricsQuery, useSyncJobQuery } from 'data/sync/sync-job-query'
import { DIRECTION_LABEL, percentOf, STATE_BADGE } from './sync-labels'

/** One sync job: live per-unit progress (from its event stream), throughput, its log, and its controls. */
export function SyncJobDetail({ projectRef, id }: { projectRef: string; id: string }) {
  const { mutate } = useSWRConfig()
  const { data: job, error } = useSyncJobQuery({ ref: projectRef, id })
  const { data: metrics } = useSyncJobMetricsQuery({ ref: projectRef, id })
  const action = useSyncJobActionMutation()
  // A state event refreshes the job (its buttons); progress events feed the bars directly.
  const events = useSyncJobEvents({
    ref: projectRef,
    id,
    onEvent: (event: SyncJobEvent) => {
      if (event.type === 'state') void mutate(syncKeys.job(projectRef, id))
    },
  })
  const units = useMemo(() => {
    const latest = new Map<string, SyncProgress['units'][number]>()
    for (const unit of ((job?.progress as Partial<SyncProgress>)?.units ?? [])) latest.set(unit.unit, unit)
    for (const event of events) {
      const unit = event.data.unit as SyncProgress['units'][number] | undefined
      if (event.type === 'progress' && unit?.unit) latest.set(unit.unit, unit)
    }
    return [...latest.values()]
  }, [events, job])
  const log = events.filter((event) => event.type === 'warning' || event.type === 'error' || event.type === 'state')

  if (error) return <ErrorMessage error={error} title="The sync job could not be loaded" />
  if (!job) return <Loading />
  const run = (name: SyncJobAction) => action.trigger({ ref: projectRef, id, action: name }).catch((failure) => toastError(failure, `Could not ${name} the sync`))
  const active = job.state === 'running'
  return (
    <div className="flex flex-col gap-5" data-testid="sync-job">
      <div className="flex items-center gap-3">
        <Badge variant={STATE_BADGE[job.state]}>
          <span data-testid="sync-job-state">{job.state}</span>
        </Badge>
        <span className="text-sm text-foreground-light">
          {DIRECTION_LABEL[job.direction]} · {job.mode} · on conflict {job.conflictPolicy}
        </span>
        <div className="ml-auto flex gap-2">
          {!active && !['pausing', 'stopping'].includes(job.state) && (
            <Button variant="primary" loading={action.isMutating} onClick={() => void run('start')}>
              {['paused', 'stopped', 'failed'].includes(job.state) ? 'Resume' : 'Start'}
            </Button>
          )}
          {active && <Button onClick={() => void run('pause')}>Pause</Button>}
          {active && (
            <Button variant="danger" onClick={() => void run('stop')}>
              Stop
            </Button>
          )}
        </div>
      </div>
      {job.error && <p className="text-sm text-destructive">{job.error}</p>}
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Units</h3>
        {units.map((unit) => {
          const percent = percentOf(unit.done, unit.total) ?? 0
          return (
            <div key={unit.unit} className="text-xs" data-testid="sync-unit">
              <div className="flex justify-between">
                <span className="font-mono">{unit.unit}</span>
                <span className="tabular-nums">
                  {unit.done.toLocaleString()}
                  {unit.total !== null ? ` / ${unit.total.toLocaleString()}` : ''} · {unit.rate.toLocaleString()}/s · {(unit.bytes / 1024 / 1024).toFixed(1)} MiB
                  {unit.etaSeconds !== null && !unit.finished ? ` · ETA ${unit.etaSeconds}s` : ''}
                </span>
              </div>
              <div className="mt-1 h-2 rounded bg-surface-raised">
                <div className="h-2 rounded bg-brand" style={{ width: `${unit.finished ? 100 : percent}%` }} role="progressbar" aria-valuenow={percent} aria-label={unit.unit} />
              </div>
            </div>
          )
        })}
      </section>
      <section className="h-48">
        <h3 className="text-sm font-medium">Throughput</h3>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={metrics?.throughput ?? []}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.2} />
            <XAxis dataKey="at" tickFormatter={(value: string) => value.slice(11, 19)} fontSize={10} />
            <YAxis fontSize={10} />
            <Tooltip />
            <Line type="monotone" dataKey="rate" dot={false} stroke="currentColor" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </section>
      <section>
        <h3 className="text-sm font-medium">Log</h3>
        <ul className="font-mono text-xs" data-testid="sync-log">
          {log.map((event) => (
            <li key={event.id} className={event.type === 'error' ? 'text-destructive' : event.type === 'warning' ? 'text-warning' : undefined}>
              {event.createdAt.slice(11, 19)} {event.type}: {String(event.data.state ?? event.data.message ?? '')}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
