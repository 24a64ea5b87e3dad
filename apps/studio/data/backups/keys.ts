export const backupsPath = (ref: string) => `/api/platform/backups/${encodeURIComponent(ref)}`
export const backupPath = (ref: string, id: string) => `${backupsPath(ref)}/${encodeURIComponent(id)}`
export const jobPath = (ref: string, jobId: string) => `/api/platform/projects/${encodeURIComponent(ref)}/jobs/${encodeURIComponent(jobId)}`

export const backupKeys = {
  list: (ref: string) => ['backups', ref, 'list'] as const,
  job: (ref: string, jobId: string) => ['backups', ref, 'job', jobId] as const,
}
