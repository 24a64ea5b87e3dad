import { pipelineWritesData, SERVER_JAVASCRIPT_OPERATORS, WRITE_STAGES } from '@multibase/api-contracts'
import clsx from 'clsx'
import { ArrowDown, ArrowUp, Play, Plus, Trash2 } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Checkbox } from 'components/ui/Checkbox'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Select } from 'components/ui/Select'
import { useMongoAggregatePreviewQuery } from 'data/mongodb/aggregate-preview-query'
import { useMongoAggregateRunMutation } from 'data/mongodb/aggregate-run-mutation'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { checkStage, formatEditable, fromCanonical, toCanonical, type EjsonCheck } from './ejson'
import { EjsonEditor } from './EjsonEditor'
import { VirtualList } from './VirtualList'

const PREVIEW_LIMIT = 5
const RUN_LIMIT = 100
const PREVIEW_DELAY_MS = 400

const STAGE_TEMPLATES: Record<string, string> = {
  $match: '{ "$match": { } }',
  $project: '{ "$project": { "_id": 1 } }',
  $addFields: '{ "$addFields": { } }',
  $set: '{ "$set": { } }',
  $unset: '{ "$unset": "field" }',
  $group: '{ "$group": { "_id": "$field", "count": { "$sum": 1 } } }',
  $sort: '{ "$sort": { "_id": 1 } }',
  $limit: '{ "$limit": 10 }',
  $skip: '{ "$skip": 0 }',
  $unwind: '{ "$unwind": "$field" }',
  $count: '{ "$count": "count" }',
  $lookup: '{ "$lookup": { "from": "other", "localField": "field", "foreignField": "_id", "as": "joined" } }',
  $replaceRoot: '{ "$replaceRoot": { "newRoot": "$field" } }',
  $sample: '{ "$sample": { "size": 5 } }',
  $out: '{ "$out": "collection" }',
}

interface Stage {
  id: number
  text: string
  enabled: boolean
}

type StageState =
  | { kind: 'disabled' }
  | { kind: 'invalid'; message: string; operator?: string }
  | { kind: 'preview'; position: number }
  | { kind: 'writes' }
  | { kind: 'waiting'; blockedBy: number }

const isServerJavaScript = (operator: string | undefined) => !!operator && (SERVER_JAVASCRIPT_OPERATORS as readonly string[]).includes(operator)

/** Why a stage was refused, in the words a user needs: what the operator does and why it is not allowed. */
function explain(check: { message: string; operator?: string }): string {
  if (isServerJavaScript(check.operator) || check.operator === '$code') {
    return `${check.message}. The Studio refuses server-side JavaScript ($where, $function, $accumulator, code values): it would run arbitrary code on the database server. Use query and aggregation operators instead ($expr, $cond, $reduce…).`
  }
  return check.message
}

/** Which stages the preview covers: enabled ones, in order, up to the first one that is invalid or writes. */
function planStages(stages: Stage[], checks: EjsonCheck<Record<string, unknown>>[]) {
  const states: StageState[] = []
  const previewPipeline: Record<string, unknown>[] = []
  let blocker: number | undefined
  stages.forEach((stage, index) => {
    const check = checks[index]
    if (!stage.enabled) return void states.push({ kind: 'disabled' })
    if (!check.ok) {
      states.push({ kind: 'invalid', message: explain(check), operator: check.operator })
      blocker ??= index
      return
    }
    if (pipelineWritesData([check.value])) {
      states.push({ kind: 'writes' })
      blocker ??= index
      return
    }
    if (blocker !== undefined) return void states.push({ kind: 'waiting', blockedBy: blocker })
    states.push({ kind: 'preview', position: previewPipeline.length })
    previewPipeline.push(toCanonical(check.value))
  })
  return { states, previewPipeline }
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return debounced
}

function DocumentPreview({ documents }: { documents: Record<string, unknown>[] }) {
  // One line per document keeps several stages' previews on screen together.
  const texts = useMemo(() => documents.map((document) => formatEditable(fromCanonical(document), 0)), [documents])
  if (texts.length === 0) return <p className="text-xs text-foreground-muted">No documents come out of this stage.</p>
  return (
    <div className="flex flex-col gap-1.5">
      {texts.map((text, index) => (
        <pre key={index} className="max-h-32 overflow-auto whitespace-pre-wrap break-all rounded border border-border bg-background px-2 py-1 font-mono text-xxs leading-4 text-foreground">
          {text}
        </pre>
      ))}
    </div>
  )
}

/**
 * MongoDB → Aggregations: stages as cards (add, reorder, disable, delete), each checked as it is typed
 * and previewed live with the first documents after it (the API's preview mode); Run executes it all.
 */
export function AggregationsPanel({ target, canWrite }: { target: MongoCollectionTarget; canWrite: boolean }) {
  const nextId = useRef(2)
  const [stages, setStages] = useState<Stage[]>([{ id: 1, text: STAGE_TEMPLATES.$match, enabled: true }])
  const [newOperator, setNewOperator] = useState('$match')
  const run = useMongoAggregateRunMutation()

  const checks = useMemo(() => stages.map((stage) => checkStage(stage.text)), [stages])
  const { states } = useMemo(() => planStages(stages, checks), [stages, checks])
  const debouncedStages = useDebounced(stages, PREVIEW_DELAY_MS)
  const debouncedPlan = useMemo(() => planStages(debouncedStages, debouncedStages.map((stage) => checkStage(stage.text))), [debouncedStages])
  const preview = useMongoAggregatePreviewQuery(target, debouncedPlan.previewPipeline, PREVIEW_LIMIT)
  const previewCurrent = debouncedStages === stages

  const enabledChecks = checks.filter((_, index) => stages[index].enabled)
  const runnable = enabledChecks.every((check) => check.ok)
  const fullPipeline = enabledChecks.flatMap((check) => (check.ok ? [check.value] : []))
  const writes = runnable && pipelineWritesData(fullPipeline)

  const update = (id: number, change: Partial<Stage>) => setStages((current) => current.map((stage) => (stage.id === id ? { ...stage, ...change } : stage)))
  const move = (index: number, by: -1 | 1) =>
    setStages((current) => {
      const next = [...current]
      const [stage] = next.splice(index, 1)
      next.splice(index + by, 0, stage)
      return next
    })
  const add = () => {
    setStages((current) => [...current, { id: nextId.current++, text: STAGE_TEMPLATES[newOperator], enabled: true }])
  }

  const runResults = useMemo(() => (run.data?.documents ?? []).map((document) => formatEditable(fromCanonical(document))), [run.data])

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border bg-surface px-3 py-2">
        <p className="text-xs text-foreground-light">
          {stages.length} stage{stages.length === 1 ? '' : 's'} · preview shows the first {PREVIEW_LIMIT} documents after each stage
          {preview.isValidating || !previewCurrent ? ' · updating…' : ''}
        </p>
        <div className="flex items-center gap-2">
          <Button
            variant="primary"
            icon={Play}
            disabled={!runnable || fullPipeline.length === 0 || (writes && !canWrite)}
            loading={run.isMutating}
            onClick={() => void run.trigger({ ...target, pipeline: fullPipeline.map((stage) => toCanonical(stage)), limit: RUN_LIMIT }).catch(() => undefined)}
          >
            Run pipeline
          </Button>
        </div>
      </div>
      {writes && !canWrite && (
        <p role="alert" className="text-xs text-warning">
          This pipeline writes with {WRITE_STAGES.join(' or ')}; your role may only read, so it cannot be run.
        </p>
      )}
      {preview.error && <ErrorMessage error={preview.error} title="The preview failed" />}

      <ol className="flex flex-col gap-3" aria-label="Pipeline stages">
        {stages.map((stage, index) => {
          const state = states[index]
          const check = checks[index]
          const operator = check.ok ? Object.keys(check.value)[0] : undefined
          const previewStage = state.kind === 'preview' && previewCurrent ? preview.data?.stages[state.position] : undefined
          return (
            <li
              key={stage.id}
              aria-label={`Stage ${index + 1}`}
              className={clsx('grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-3 rounded-md border bg-surface p-3', state.kind === 'invalid' ? 'border-destructive/60' : 'border-border', !stage.enabled && 'opacity-60')}
            >
              <div className="flex min-w-0 flex-col gap-2">
                <div className="flex items-center justify-between gap-2">
                  <div className="flex items-center gap-2">
                    <span className="text-xs font-medium text-foreground">Stage {index + 1}</span>
                    {operator && <span className="font-mono text-xs text-brand">{operator}</span>}
                  </div>
                  <div className="flex items-center gap-1">
                    <Checkbox label="Enabled" checked={stage.enabled} onChange={(event) => update(stage.id, { enabled: event.target.checked })} aria-label={`Enable stage ${index + 1}`} />
                    <Button size="tiny" variant="ghost" icon={ArrowUp} aria-label={`Move stage ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)} />
                    <Button size="tiny" variant="ghost" icon={ArrowDown} aria-label={`Move stage ${index + 1} down`} disabled={index === stages.length - 1} onClick={() => move(index, 1)} />
                    <Button size="tiny" variant="ghost" icon={Trash2} aria-label={`Delete stage ${index + 1}`} onClick={() => setStages((current) => current.filter((other) => other.id !== stage.id))} />
                  </div>
                </div>
                <EjsonEditor label={`Stage ${index + 1} EJSON`} value={stage.text} onChange={(text) => update(stage.id, { text })} minHeight="90px" maxHeight="320px" />
                {state.kind === 'invalid' && (
                  <p role="alert" className="text-xs text-destructive">
                    {state.message}
                  </p>
                )}
              </div>
              <div className="flex min-w-0 flex-col gap-2" aria-label={`Preview after stage ${index + 1}`} role="region">
                <span className="text-xxs font-medium uppercase tracking-wide text-foreground-muted">
                  {state.kind === 'preview' && previewStage ? `Output after stage ${index + 1}: ${previewStage.documents.length} document${previewStage.documents.length === 1 ? '' : 's'} shown` : `Output after stage ${index + 1}`}
                </span>
                {state.kind === 'disabled' ? (
                  <p className="text-xs text-foreground-muted">Disabled: skipped by the preview and by Run.</p>
                ) : state.kind === 'invalid' ? (
                  <p className="text-xs text-foreground-muted">Fix this stage to see its output.</p>
                ) : state.kind === 'writes' ? (
                  <p className="text-xs text-foreground-muted">This stage writes into a collection; the preview never writes, so it stops before it. Run the pipeline to write{canWrite ? '' : ' (needs write rights)'}.</p>
                ) : state.kind === 'waiting' ? (
                  <p className="text-xs text-foreground-muted">Waiting for stage {state.blockedBy + 1}.</p>
                ) : previewStage ? (
                  <DocumentPreview documents={previewStage.documents} />
                ) : preview.error ? (
                  <p className="text-xs text-foreground-muted">No preview (see the error above).</p>
                ) : (
                  <Loading />
                )}
              </div>
            </li>
          )
        })}
      </ol>

      <div className="flex items-center gap-2">
        <Select aria-label="Stage operator" className="w-44" value={newOperator} onChange={(event) => setNewOperator(event.target.value)} options={Object.keys(STAGE_TEMPLATES).map((value) => ({ value, label: value }))} />
        <Button icon={Plus} onClick={add}>
          Add stage
        </Button>
      </div>

      {run.error && <ErrorMessage error={run.error} title="The pipeline failed" />}
      {run.data && (
        <section aria-label="Pipeline results" className="flex flex-col gap-2">
          <h2 className="text-sm font-medium text-foreground">
            Results: {run.data.documents.length} document{run.data.documents.length === 1 ? '' : 's'}
            {run.data.truncated ? ` (the first ${RUN_LIMIT}; there are more)` : ''}
          </h2>
          {runResults.length > 0 && (
            <VirtualList
              label="Pipeline result documents"
              className="max-h-[32rem] rounded-md border border-border bg-surface"
              count={runResults.length}
              estimateSize={120}
              renderRow={(index) => <pre className="border-b border-border px-3 py-2 font-mono text-xs text-foreground">{runResults[index]}</pre>}
            />
          )}
        </section>
      )}
    </div>
  )
}
