import { ChevronRight, RefreshCw } from 'lucide-react'
import { useMemo, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Input } from 'components/ui/Input'
import { Loading } from 'components/ui/Loading'
import { useRedisInfoQuery } from 'data/redis-stats/redis-info-query'

/** Sections worth reading first; the others start folded. */
const OPEN_BY_DEFAULT = new Set(['server', 'memory'])

/** INFO, one collapsible section each, with a filter over field names and values. */
export function InfoSections({ projectRef, connectionId }: { projectRef: string; connectionId: string }) {
  const { data, error, isLoading, isValidating, mutate } = useRedisInfoQuery({ ref: projectRef, connectionId })
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()

  const sections = useMemo(() => {
    if (!data) return []
    return Object.entries(data.sections)
      .map(([name, fields]) => ({
        name,
        fields: Object.entries(fields).filter(([field, value]) => !needle || field.toLowerCase().includes(needle) || value.toLowerCase().includes(needle)),
      }))
      .filter((section) => !needle || section.fields.length > 0)
  }, [data, needle])

  return (
    <section aria-label="Server info" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-medium text-foreground">Server info</h2>
        <div className="flex items-center gap-2">
          <Input aria-label="Filter info fields" placeholder="Filter fields" value={filter} onChange={(event) => setFilter(event.target.value)} className="h-7 w-48 text-xs" />
          <Button size="tiny" icon={RefreshCw} onClick={() => void mutate()} loading={isValidating && !isLoading}>
            Refresh
          </Button>
        </div>
      </div>
      {error ? (
        <ErrorMessage error={error} title="INFO could not be read" />
      ) : isLoading || !data ? (
        <Loading />
      ) : (
        <div className="flex flex-col divide-y divide-border rounded-md border border-border bg-surface">
          {sections.map((section) => (
            // Open while filtering, so matches are visible without a click.
            <details key={`${section.name}:${needle ? 'filtered' : 'all'}`} open={Boolean(needle) || OPEN_BY_DEFAULT.has(section.name)} className="group">
              <summary className="flex cursor-pointer select-none items-center justify-between px-3 py-2 text-xs font-medium capitalize text-foreground hover:bg-surface-raised/60">
                <span className="flex items-center gap-1.5">
                  <ChevronRight className="h-3.5 w-3.5 text-foreground-muted transition-transform group-open:rotate-90" aria-hidden />
                  {section.name}
                </span>
                <span className="font-mono text-xxs font-normal normal-case text-foreground-muted">{`${section.fields.length} fields`}</span>
              </summary>
              <dl className="grid grid-cols-1 gap-x-6 gap-y-1 px-3 pb-3 pt-1 font-mono text-xs sm:grid-cols-2 xl:grid-cols-3">
                {section.fields.map(([field, value]) => (
                  <div key={field} className="flex min-w-0 justify-between gap-3 border-b border-border/50 py-0.5">
                    <dt className="truncate text-foreground-muted" title={field}>
                      {field}
                    </dt>
                    <dd className="truncate text-right text-foreground" title={value}>
                      {value}
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          ))}
        </div>
      )}
    </section>
  )
}
