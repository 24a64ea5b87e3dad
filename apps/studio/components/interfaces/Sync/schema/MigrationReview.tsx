import type { SyncEndpoints } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { toast } from 'components/ui/toast'
import { useSyncGenerateMigrationMutation } from 'data/sync-schema/sync-generate-migration-mutation'
import { useProjectPermissions } from 'hooks/useProjectPermissions'

/**
 * The DDL that brings the target's schema to the source's: per object, the source and target
 * definitions side by side, then the script. Applying sends the reviewed script's hash, so the
 * server refuses when the plan changed in between. Only admins see the Apply button (the server
 * checks it too).
 */
export function MigrationReview({ ref, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  const { trigger, data, error, isMutating } = useSyncGenerateMigrationMutation(ref)
  const apply = useSyncGenerateMigrationMutation(ref)
  const { can } = useProjectPermissions(ref)
  const [confirming, setConfirming] = useState(false)
  const signature = JSON.stringify(endpoints)
  useEffect(() => {
    void trigger({ body: JSON.parse(signature) as SyncEndpoints }).catch(() => undefined)
  }, [signature, trigger])

  // A failure stays in the dialog (ConfirmDialog shows it); success closes it and re-plans.
  const runApply = async () => {
    if (!data) return
    const result = await apply.trigger({ body: { ...endpoints, apply: true, expectedSha256: data.sha256 } })
    toast.success(`Applied ${result.statements.length} statement(s) to the target`)
    await trigger({ body: endpoints })
  }

  return (
    <section aria-label="Schema migration" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-medium text-foreground">Schema migration</h2>
        {data && data.statements.length > 0 && can('admin') && (
          <Button variant="primary" size="tiny" onClick={() => setConfirming(true)}>
            Apply
          </Button>
        )}
      </div>
      {error && <ErrorMessage error={error} title="Could not generate the migration" />}
      {isMutating && !data && <p className="text-xs text-foreground-light">Comparing schemas…</p>}
      {data && data.statements.length === 0 && <p className="text-xs text-foreground">The target's schema already matches the source's.</p>}
      {data && data.diff.length > 0 && (
        <div className="flex flex-col gap-2">
          {data.diff.map((entry) => (
            <div key={`${entry.kind}-${entry.object}`} className="rounded-md border border-border">
              <p className="flex items-center gap-2 border-b border-border px-3 py-1.5 text-xs">
                <Badge>{entry.kind}</Badge>
                <span className="font-mono text-foreground">{entry.object}</span>
              </p>
              <div className="grid grid-cols-2 divide-x divide-border text-xxs">
                <DefinitionPane label="Source" text={entry.source} />
                <DefinitionPane label="Target" text={entry.target} />
              </div>
            </div>
          ))}
        </div>
      )}
      {data && data.statements.length > 0 && (
        <div className="flex flex-col gap-1">
          <p className="text-xs text-foreground-light">
            {data.statements.length} statement(s) before the data, {data.postData.length} after · sha256{' '}
            <span className="font-mono">{data.sha256.slice(0, 12)}</span>
          </p>
          <pre aria-label="Migration script" className="max-h-96 overflow-auto rounded-md border border-border bg-surface px-3 py-2 font-mono text-xxs text-foreground">
            {data.script}
          </pre>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Apply the migration to the target?"
        description={`${data?.statements.length ?? 0} statement(s) run in one transaction on the target database.`}
        confirmLabel="Apply"
        variant="primary"
        onConfirm={runApply}
      />
    </section>
  )
}

function DefinitionPane({ label, text }: { label: string; text: string | null }) {
  return (
    <div className="min-w-0 px-3 py-2">
      <p className="mb-1 text-foreground-muted">{label}</p>
      <pre className="overflow-auto whitespace-pre-wrap font-mono text-foreground">{text ?? '— absent —'}</pre>
    </div>
  )
}
