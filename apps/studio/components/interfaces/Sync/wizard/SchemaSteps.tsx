import type { SyncEndpoints } from '@multibase/api-contracts'

/**
 * The wizard's schema steps. The schema report and the migration review are built with the schema
 * checks (components/interfaces/Sync/schema/); these containers receive the same props.
 */
export function ValidateStep({ ref: projectRef, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  return (
    <section data-testid="sync-validate-step" className="rounded border border-border p-3 text-sm">
      <h3 className="font-medium">Validate</h3>
      <p className="text-foreground-light">
        Schema comparison of {endpoints.sourceConnectionId.slice(0, 8)} → {endpoints.targetConnectionId.slice(0, 8)} in {projectRef}.
      </p>
    </section>
  )
}

export function MigrationReviewStep({ ref: projectRef, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  return (
    <section data-testid="sync-migration-step" className="rounded border border-border p-3 text-sm">
      <h3 className="font-medium">Review migration</h3>
      <p className="text-foreground-light">
        The DDL that makes the target match the source ({endpoints.scope.schemas?.join(', ') ?? 'public'}) in {projectRef}.
      </p>
    </section>
  )
}
