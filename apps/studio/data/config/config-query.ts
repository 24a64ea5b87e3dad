import { studioConfigSchema, type StudioConfig } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { configKeys } from './keys'

export type ConfigData = StudioConfig

export async function getStudioConfig(): Promise<ConfigData> {
  return get('/api/config', { schema: studioConfigSchema, withAuth: false })
}

/** The Studio's mode (platform or self-hosted) and GoTrue address, read at runtime. */
export function useConfigQuery() {
  return useSWR<ConfigData, ResponseError>(configKeys.studio(), getStudioConfig, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
  })
}
