import { profileSchema, type Profile } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { profileKeys } from './keys'

export type ProfileData = Profile

export async function getProfile(): Promise<ProfileData> {
  return get('/api/platform/profile', { schema: profileSchema })
}

/** The signed-in user as the server sees them. */
export function useProfileQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useSWR<ProfileData, ResponseError>(enabled ? profileKeys.profile() : null, getProfile)
}
