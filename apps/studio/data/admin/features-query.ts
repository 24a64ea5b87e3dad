import { featuresSchema, type Features } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export const getFeatures = (): Promise<Features> => get('/api/platform/features', { schema: featuresSchema })

/** What this Studio offers the caller (whether they are a platform admin, which job kinds exist). */
export function useFeaturesQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useSWR<Features, ResponseError>(enabled ? adminKeys.features() : null, getFeatures)
}
