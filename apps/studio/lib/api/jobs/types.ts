import type { ZodType, ZodTypeDef } from 'zod'

import type { ProjectRef } from '../platform/connections'

/** Where a resumed job left off: its last saved progress and the checkpoint its worker wrote with it. */
export interface JobResumePoint {
  progress: Record<string, unknown>
  checkpoint: Record<string, unknown>
}

/** What a running job sees: its own id and input, the project it acts for, and its checkpoint. */
export interface JobContext<Payload> {
  id: string
  project: ProjectRef
  payload: Payload
  /** Set when another worker ran this job before (it died or handed the job back on shutdown). */
  resumeFrom: JobResumePoint | null
  /**
   * Stores the progress so far (readable by any Studio instance while the job runs) together with
   * what a successor needs to continue from here, renews the worker's heartbeat, and says whether to
   * go on: false once the job was cancelled, taken over, or this Studio is shutting down. Workers call
   * it after every batch and return right away when it says false.
   */
  checkpoint(progress: Record<string, unknown>, checkpoint: Record<string, unknown>): Promise<boolean>
}

/** One kind of background job. The kind is also the pg-boss queue name. */
export interface JobDefinition<Payload = unknown> {
  kind: string
  /** The job's input as stored in platform.jobs: references (connection ids), never secrets. */
  payloadSchema: ZodType<Payload, ZodTypeDef, unknown>
  /** Jobs of this kind one Studio instance runs at once. */
  concurrency: number
  /**
   * Whether `run` can continue from `resumeFrom`. A job that cannot is ended `failed` with its
   * partial progress when its worker is lost, instead of being run a second time.
   */
  resumable: boolean
  /** Does the work and returns the final progress (also when it stopped because checkpoint said so). */
  run(context: JobContext<Payload>): Promise<Record<string, unknown>>
}
