import { z } from 'zod'

/**
 * `GET /api/health`: load balancers probe it many times a second, so it answers from the process
 * alone; `?deep=1` also runs `SELECT 1` on the platform database (for a monitor that wants that).
 */
export const healthQuerySchema = z
  .object({
    deep: z.enum(['0', '1']).optional(),
  })
  .strict()
export type HealthQuery = z.infer<typeof healthQuerySchema>

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  /** `not-checked` unless `deep=1`; then which platform database answered. */
  platformDatabase: z.enum(['not-checked', 'postgres', 'embedded']),
})
export type HealthResponse = z.infer<typeof healthResponseSchema>
