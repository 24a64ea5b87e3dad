import type { SyncEndpoints, SyncFinding, SyncFindingSeverity } from '@multibase/api-contracts'
import { useEffect } from 'react'

import { Badge, type BadgeVariant } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { useSyncValidateMutation } from 'data/sync-schema/sync-validate-mutation'

const SEVERITIES: Array<{ severity: SyncFindingSeverity; title: string; badge: BadgeVariant }> = [
  { severity: 'error', title: 'Errors — the sync cannot run until these are fixed', badge: 'destructive' },
  { severity: 'warning', title: 'Warnings', badge: 'warning' },
  { severity: 'info', title: 'Notes', badge: 'default' },
]

const formatBytes = (bytes: number) => {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}

/** The compatibility report of a source and a target, grouped by severity; re-run on demand. */
export function SyncValidateReport({ ref, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  const { trigger, data, error, isMutating } = useSyncValidateMutation(ref)
  const signature = JSON.stringify(endpoints)
  useEffect(() => {
    void trigger({ endpoints: JSON.parse(signature) as SyncEndpoints }).catch(() => undefined)
  }, [signature, trigger])

  return (
    <section aria-label="Compatibility report" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-medium text-foreground">Compatibility</h2>
        <div className="flex items-center gap-2">
          {data && <Badge variant={data.ok ? 'brand' : 'destructive'}>{data.ok ? 'Ready to sync' : 'Blocked'}</Badge>}
          <Button size="tiny" loading={isMutating} onClick={() => void trigger({ endpoints }).catch(() => undefined)}>
            Re-check
          </Button>
        </div>
      </div>
      {error && <ErrorMessage error={error} title="Validation failed" />}
      {data && (
        <>
          <p className="text-xs text-foreground-light">
            {data.direction} · about {data.size.units.toLocaleString()} {data.direction.startsWith('redis') ? 'keys' : data.direction.startsWith('mongodb') ? 'documents' : 'rows'},{' '}
            {formatBytes(data.size.bytes)} <span className="text-foreground-muted">({data.size.method})</span>
          </p>
          {data.findings.length === 0 && <p className="text-xs text-foreground">No difference: the target matches the source for this scope.</p>}
          {SEVERITIES.map(({ severity, title, badge }) => (
            <FindingGroup key={severity} title={title} badge={badge} findings={data.findings.filter((finding) => finding.severity === severity)} />
          ))}
          {data.preview?.map((preview) => (
            <div key={preview.collection} className="rounded-md border border-border">
              <p className="border-b border-border px-3 py-1.5 text-xs text-foreground-light">
                {preview.collection} → {preview.table} (columns inferred from {preview.sampled} document(s))
              </p>
              <table className="w-full text-xs">
                <tbody>
                  {preview.columns.map((column) => (
                    <tr key={column.name} className="border-b border-border last:border-0">
                      <td className="px-3 py-1 font-mono">{column.name}</td>
                      <td className="px-3 py-1 font-mono">{column.type}</td>
                      <td className="px-3 py-1 text-foreground-muted">{column.bsonTypes.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  )
}

function FindingGroup({ title, badge, findings }: { title: string; badge: BadgeVariant; findings: SyncFinding[] }) {
  if (findings.length === 0) return null
  return (
    <div className="flex flex-col gap-1">
      <h3 className="text-xs font-medium text-foreground">
        {title} <Badge variant={badge}>{findings.length}</Badge>
      </h3>
      <ul className="flex flex-col divide-y divide-border rounded-md border border-border">
        {findings.map((finding, index) => (
          <li key={`${finding.code}-${finding.object}-${index}`} className="flex flex-wrap items-baseline gap-2 px-3 py-1.5 text-xs">
            <span className="font-mono text-foreground-muted">{finding.code}</span>
            {finding.object && <span className="font-mono text-foreground">{finding.object}</span>}
            <span className="text-foreground-light">{finding.message}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
