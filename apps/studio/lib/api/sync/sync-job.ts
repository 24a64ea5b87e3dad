import { syncDirectionSchema } from '@multibase/api-contracts'
import { z } from 'zod'

import { redactSecrets } from '../database/redact'
import { getWorkerId } from '../jobs/worker-id'
import type { JobDefinition } from '../jobs/types'
import { getPlatformDatabase } from '../platform/database'
import { renewJob } from '../platform/jobs'
import { findSyncJobForRun, saveSyncCheckpoint, transitionSyncJob } from '../platform/sync-jobs'
import { syncDefinitionSchema } from './definition-schema'
import { syncEngines } from './engines'
import { recordSyncEvent } from './events'
import { SyncProgressTracker } from './progress'
import { applySchemaPhase } from './schema-phase'

const payloadSchema = z.object({ syncJobId: z.string().uuid() }).strict()
type SyncPayload = z.infer<typeof payloadSchema>

/** A sync's resume point: which phase it is in and the engine's own checkpoint within the data phase. */
const runCheckpointSchema = z
  .object({ phase: z.enum(['schema', 'data', 'post']), engine: z.record(z.unknown()).nullable() })
  .strict()
type RunCheckpoint = z.infer<typeof runCheckpointSchema>

/** How a run that stopped early leaves its sync job: the state the user asked for. */
const HALTED_STATES = { pausing: 'paused', stopping: 'stopped' } as const

/**
 * A run of a sync job on the job base: heartbeats, takeover and the audit row are the job base's.
 * The resume point lives on the sync job (platform.sync_jobs.checkpoint) rather than on the run, so
 * the next `start` after a pause or stop continues where this run left off, and a run taken over
 * after its worker died continues from the same place. Each save is guarded by the run's hold, so a
 * worker that lost its run can't move the checkpoint under its successor.
 */
export const syncJob: JobDefinition<SyncPayload> = {
  kind: 'sync',
  payloadSchema,
  concurrency: 2,
  resumable: true,
  async run({ id: runJobId, project, payload, checkpoint: jobCheckpoint }) {
    const record = await findSyncJobForRun(payload.syncJobId)
    // The definition was deleted, or a newer run replaced this one: nothing of this run is left to do.
    if (!record || record.run_job_id !== runJobId) return {}
    const direction = syncDirectionSchema.parse(record.direction)
    const definition = syncDefinitionSchema.parse(record.definition)
    const progress = new SyncProgressTracker(record.progress)
    const workerId = getWorkerId()
    let resume: RunCheckpoint = record.checkpoint
      ? runCheckpointSchema.parse(record.checkpoint)
      : { phase: definition.mode === 'data' ? 'data' : 'schema', engine: null }

    const save = async (next: RunCheckpoint, unit?: string): Promise<boolean> => {
      resume = next
      const snapshot = progress.snapshot()
      const held = await saveSyncCheckpoint(record.id, runJobId, workerId, { checkpoint: next, progress: snapshot })
      if (held && unit) {
        const current = snapshot.units.find((entry) => entry.unit === unit)
        await recordSyncEvent(record.id, 'progress', { unit: current, done: snapshot.done, total: snapshot.total, bytes: snapshot.bytes })
      }
      return held && (await jobCheckpoint({ ...snapshot }, { phase: next.phase }))
    }

    await recordSyncEvent(record.id, 'state', { state: 'running', phase: resume.phase, resumed: record.checkpoint !== null })
    try {
      if (resume.phase === 'schema') {
        const applied = await applySchemaPhase(project, definition, 'statements')
        await recordSyncEvent(record.id, 'progress', { phase: 'schema', statements: applied })
        if (!(await save({ phase: definition.mode === 'schema' ? 'post' : 'data', engine: null }))) return halt(record.id, progress)
      }
      if (resume.phase === 'data') {
        const finished = await syncEngines[direction]({
          project,
          definition,
          checkpoint: resume.engine,
          progress,
          save: (engine, unit) => save({ phase: 'data', engine }, unit),
          warn: async (message, details) => {
            progress.warnings += 1
            await recordSyncEvent(record.id, 'warning', { message, ...details })
          },
        })
        if (!finished) return halt(record.id, progress)
        if (!(await save({ phase: 'post', engine: null }))) return halt(record.id, progress)
      }
      if (definition.mode !== 'data' && direction === 'postgres->postgres') {
        const applied = await applySchemaPhase(project, definition, 'postData')
        await recordSyncEvent(record.id, 'progress', { phase: 'post', statements: applied })
      }
      const db = await getPlatformDatabase()
      await db.transaction(async (tx) => {
        if (await transitionSyncJob(tx, record.id, ['running', 'pausing', 'stopping'], 'completed')) {
          await recordSyncEvent(record.id, 'state', { state: 'completed', ...progress.snapshot() }, tx)
        }
      })
      return { ...progress.snapshot() }
    } catch (error) {
      // A run another instance took over is not failed by the old worker's error.
      if ((await renewJob(runJobId, workerId).catch(() => undefined)) !== undefined) {
        const message = redactSecrets((error as Error).message)
        const db = await getPlatformDatabase()
        await db.transaction(async (tx) => {
          if (await transitionSyncJob(tx, record.id, ['running', 'pausing', 'stopping'], 'failed', { error: message })) {
            await recordSyncEvent(record.id, 'error', { message, phase: resume.phase }, tx)
            await recordSyncEvent(record.id, 'state', { state: 'failed', error: message }, tx)
          }
        })
      }
      throw error
    }
  },
}

/**
 * A run that stopped at a batch boundary: paused or stopped when the user asked for it; otherwise
 * (shutdown, takeover) the sync stays running and the run's next holder continues.
 */
async function halt(syncJobId: string, progress: SyncProgressTracker): Promise<Record<string, unknown>> {
  const db = await getPlatformDatabase()
  await db.transaction(async (tx) => {
    for (const [from, to] of Object.entries(HALTED_STATES)) {
      if (await transitionSyncJob(tx, syncJobId, [from as keyof typeof HALTED_STATES], to)) {
        await recordSyncEvent(syncJobId, 'state', { state: to, ...progress.snapshot() }, tx)
      }
    }
  })
  return { ...progress.snapshot() }
}
