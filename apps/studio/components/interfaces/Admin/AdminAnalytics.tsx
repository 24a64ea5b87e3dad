import { useState } from 'react'

import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Select } from 'components/ui/Select'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { useAdminAnalyticsQuery } from 'data/admin/admin-analytics-query'
import { formatPercent } from './format'

const DAY_OPTIONS = [1, 7, 30, 90].map((days) => ({ value: String(days), label: days === 1 ? 'Today' : `Last ${days} days` }))

/** Calls per engine and day, latency and error rate per route group, and the busiest projects. */
export function AdminAnalytics() {
  const [days, setDays] = useState(7)
  const { data, error, isLoading } = useAdminAnalyticsQuery({ days })
  return (
    <div className="flex flex-col gap-5">
      <div className="w-48">
        <Select aria-label="Period" options={DAY_OPTIONS} value={String(days)} onChange={(event) => setDays(Number(event.target.value))} />
      </div>
      {error ? (
        <ErrorMessage error={error} title="Analytics could not be loaded" />
      ) : isLoading || !data ? (
        <Loading />
      ) : data.routeGroups.length === 0 ? (
        <EmptyState title="No requests recorded in this period" />
      ) : (
        <>
          <section className="flex flex-col gap-2">
            <h2 className="text-sm font-medium">Route groups</h2>
            <Table aria-label="Route groups">
              <thead>
                <Tr className="hover:bg-transparent">
                  <Th>Route group</Th>
                  <Th className="text-right">Calls</Th>
                  <Th className="text-right">Errors</Th>
                  <Th className="text-right">Error rate</Th>
                  <Th className="text-right">p50</Th>
                  <Th className="text-right">p95</Th>
                </Tr>
              </thead>
              <tbody>
                {data.routeGroups.map((group) => (
                  <Tr key={group.routeGroup}>
                    <Td className="font-mono">{group.routeGroup}</Td>
                    <Td className="text-right tabular-nums">{group.count}</Td>
                    <Td className="text-right tabular-nums">{group.errors}</Td>
                    <Td className="text-right tabular-nums">{formatPercent(group.errorRate)}</Td>
                    <Td className="text-right tabular-nums">{group.p50Ms === null ? '—' : `≤ ${group.p50Ms} ms`}</Td>
                    <Td className="text-right tabular-nums">{group.p95Ms === null ? '—' : `≤ ${group.p95Ms} ms`}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </section>
          <div className="grid gap-5 md:grid-cols-2">
            <section className="flex flex-col gap-2">
              <h2 className="text-sm font-medium">Calls per engine and day</h2>
              <Table aria-label="Calls per engine and day">
                <thead>
                  <Tr className="hover:bg-transparent">
                    <Th>Day</Th>
                    <Th>Engine</Th>
                    <Th className="text-right">Calls</Th>
                    <Th className="text-right">Errors</Th>
                  </Tr>
                </thead>
                <tbody>
                  {data.callsPerEngineDay.map((row) => (
                    <Tr key={`${row.day}:${row.engine}`}>
                      <Td className="font-mono">{row.day}</Td>
                      <Td>{row.engine}</Td>
                      <Td className="text-right tabular-nums">{row.count}</Td>
                      <Td className="text-right tabular-nums">{row.errors}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </section>
            <section className="flex flex-col gap-2">
              <h2 className="text-sm font-medium">Top projects</h2>
              <Table aria-label="Top projects">
                <thead>
                  <Tr className="hover:bg-transparent">
                    <Th>Project</Th>
                    <Th className="text-right">Calls</Th>
                    <Th className="text-right">Errors</Th>
                  </Tr>
                </thead>
                <tbody>
                  {data.topProjects.map((project) => (
                    <Tr key={project.ref}>
                      <Td className="font-mono">{project.ref}</Td>
                      <Td className="text-right tabular-nums">{project.count}</Td>
                      <Td className="text-right tabular-nums">{project.errors}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </section>
          </div>
        </>
      )}
    </div>
  )
}
