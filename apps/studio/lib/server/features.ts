/**
 * Long-lived server-side features started once by the custom server (WebSocket gateways, the job
 * queue). Each feature registers itself here so server.ts stays a thin bootstrap.
 */
export async function registerServerFeatures(): Promise<void> {}
