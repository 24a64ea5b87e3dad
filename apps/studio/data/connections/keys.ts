import type { DatabaseType } from '@multibase/api-contracts'

export const connectionKeys = {
  list: (ref: string | undefined, type: DatabaseType) => ['connections', ref, type] as const,
}

/** `/api/platform/<engine>/<ref>/connections[/<id>]`: the registry routes of one engine. */
export function connectionsPath(ref: string, type: DatabaseType, id?: string): string {
  const base = `/api/platform/${type}/${encodeURIComponent(ref)}/connections`
  return id ? `${base}/${encodeURIComponent(id)}` : base
}
