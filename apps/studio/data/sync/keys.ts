export const syncKeys = {
  list: (ref: string | undefined) => ['sync-jobs', ref] as const,
  job: (ref: string | undefined, id: string | undefined) => ['sync-jobs', ref, id] as const,
  metrics: (ref: string | undefined, id: string | undefined) => ['sync-jobs', ref, id, 'metrics'] as const,
}

/** `/api/platform/sync/<ref>/jobs[/<id>[/<action>]]`. */
export function syncJobsPath(ref: string, id?: string, action?: string): string {
  const base = `/api/platform/sync/${encodeURIComponent(ref)}/jobs`
  if (!id) return base
  return `${base}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`
}
