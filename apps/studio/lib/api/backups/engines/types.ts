import type { Readable } from 'node:stream'

/** Progress a backup or restore reports while it runs (the job's progress, shown as a bar). */
export interface EngineProgress {
  /** What is being processed now: a table, a collection, or a key count. */
  current: string | null
  /** Units done (tables, collections or keys) and, when known up front, the total. */
  done: number
  total: number | null
}

export interface BackupRun {
  /** The bytes to store, already compressed. */
  stream: Readable
  /** Resolves once the engine side finished cleanly (rejects with the engine's error). */
  finished: Promise<void>
  /** The server's version, recorded with the backup. */
  engineVersion: string
  abort(): void
}

/**
 * What a dry run found: objects (tables, collections, keys) the restore would create, and existing
 * ones it would overwrite or leave as they are. Names are a sample (the first PLAN_SAMPLE of each);
 * the counts are complete.
 */
export interface RestorePlan {
  create: string[]
  overwrite: string[]
  keep: string[]
  counts: { create: number; overwrite: number; keep: number }
}

export const PLAN_SAMPLE = 100

/** Collects a plan without holding more than PLAN_SAMPLE names per bucket. */
export function planBuilder() {
  const plan: RestorePlan = { create: [], overwrite: [], keep: [], counts: { create: 0, overwrite: 0, keep: 0 } }
  return {
    add(bucket: 'create' | 'overwrite' | 'keep', name: string) {
      plan.counts[bucket]++
      if (plan[bucket].length < PLAN_SAMPLE) plan[bucket].push(name)
    },
    plan,
  }
}
