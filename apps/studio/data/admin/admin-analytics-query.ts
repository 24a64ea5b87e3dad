import { adminAnalyticsSchema, type AdminAnalytics } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export const getAdminAnalytics = (days: number): Promise<AdminAnalytics> =>
  get('/api/platform/admin/analytics', { query: { days }, schema: adminAnalyticsSchema })

export function useAdminAnalyticsQuery({ days }: { days: number }) {
  return useSWR<AdminAnalytics, ResponseError>(adminKeys.analytics(days), () => getAdminAnalytics(days))
}
