import type { ZodType, ZodTypeDef } from 'zod'

import type { ProjectRef } from '../platform/connections'

/** What a running job sees: its own id and input, the project it acts for, and its checkpoint. */
export interface JobContext<Payload> {
  id: string
  project: ProjectRef
  payload: Payload
  /**
   * Stores the progress so far (readable by any Studio instance while the job runs) and says whether
   * to go on: false once the job was cancelled or expired. Workers call it after every batch.
   */
  checkpoint(progress: Record<string, unknown>): Promise<boolean>
}

/** One kind of background job. The kind is also the pg-boss queue name. */
export interface JobDefinition<Payload = unknown> {
  kind: string
  payloadSchema: ZodType<Payload, ZodTypeDef, unknown>
  /** pg-boss fails an active job that runs longer than this (e.g. its instance died). */
  expireInSeconds: number
  /** Jobs of this kind one Studio instance runs at once. */
  concurrency: number
  /** Does the work and returns the final progress (also when it stopped because of a cancel). */
  run(context: JobContext<Payload>): Promise<Record<string, unknown>>
}

/** pg-boss job data: the project the job acts for and its kind's payload. */
export interface JobData {
  projectId: string
  organizationId: string
  payload: unknown
}
