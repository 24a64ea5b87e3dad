import type { AdminAnalytics } from '@multibase/api-contracts'

import { getPlatformDatabase } from '../platform/database'
import { percentileFromBuckets } from '../request-stats-math'

interface GroupRow {
  route_group: string
  count: string
  errors: string
  buckets: string[]
}

/**
 * Calls per engine and day, error rate and p50/p95 per route group (from the summed latency
 * histograms) and the busiest projects, over the last `days` days of platform.request_stats.
 */
export async function getAdminAnalytics(days: number): Promise<AdminAnalytics> {
  const db = await getPlatformDatabase()
  const since = `current_date - ($1::int - 1)`
  const [perDay, groups, projects] = await Promise.all([
    db.query<{ day: string; engine: string; count: string; errors: string }>(
      `SELECT day::text AS day, engine, sum(count)::text AS count, sum(errors)::text AS errors
         FROM platform.request_stats WHERE day >= ${since} GROUP BY day, engine ORDER BY day, engine`,
      [days]
    ),
    db.query<GroupRow>(
      `SELECT route_group, sum(count)::text AS count, sum(errors)::text AS errors,
              (SELECT array_agg(total::text ORDER BY i) FROM (
                 SELECT i, sum(b) AS total FROM platform.request_stats s2, unnest(s2.buckets) WITH ORDINALITY AS u(b, i)
                  WHERE s2.day >= ${since} AND s2.route_group = s.route_group GROUP BY i) t) AS buckets
         FROM platform.request_stats s WHERE day >= ${since}
        GROUP BY route_group ORDER BY sum(count) DESC LIMIT 100`,
      [days]
    ),
    db.query<{ ref: string; count: string; errors: string }>(
      `SELECT project_ref AS ref, sum(count)::text AS count, sum(errors)::text AS errors
         FROM platform.request_stats WHERE day >= ${since} AND project_ref <> ''
        GROUP BY project_ref ORDER BY sum(count) DESC, project_ref LIMIT 10`,
      [days]
    ),
  ])
  return {
    days,
    callsPerEngineDay: perDay.map((row) => ({ day: row.day, engine: row.engine, count: Number(row.count), errors: Number(row.errors) })),
    routeGroups: groups.map((row) => {
      const buckets = (row.buckets ?? []).map(Number)
      const count = Number(row.count)
      return {
        routeGroup: row.route_group,
        count,
        errors: Number(row.errors),
        errorRate: count > 0 ? Number(row.errors) / count : 0,
        p50Ms: percentileFromBuckets(buckets, 0.5),
        p95Ms: percentileFromBuckets(buckets, 0.95),
      }
    }),
    topProjects: projects.map((row) => ({ ref: row.ref, count: Number(row.count), errors: Number(row.errors) })),
  }
}
