import { getEnv } from '../../../env'

/**
 * Every MongoDB operation carries a server-side time limit so a runaway query ends on the server.
 * A request may ask for its own; it is lowered to the configured cap rather than refused, because
 * the caller cannot know the cap.
 */
export function resolveMaxTimeMS(requested: number | undefined): number {
  const { MONGODB_DEFAULT_MAX_TIME_MS, MONGODB_MAX_TIME_MS_CAP } = getEnv()
  return Math.min(requested ?? MONGODB_DEFAULT_MAX_TIME_MS, MONGODB_MAX_TIME_MS_CAP)
}
