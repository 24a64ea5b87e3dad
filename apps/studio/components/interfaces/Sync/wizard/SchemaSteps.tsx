import type { SyncEndpoints } from '@multibase/api-contracts'

import { MigrationReview, SyncValidateReport } from '../schema'

/** The wizard's schema steps: the schema checks' own report and migration review, for the wizard's scope. */
export function ValidateStep({ ref: projectRef, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  return (
    <section data-testid="sync-validate-step" className="rounded border border-border p-3 text-sm">
      <h3 className="mb-2 font-medium">Validate</h3>
      <SyncValidateReport ref={projectRef} endpoints={endpoints} />
    </section>
  )
}

export function MigrationReviewStep({ ref: projectRef, endpoints }: { ref: string; endpoints: SyncEndpoints }) {
  return (
    <section data-testid="sync-migration-step" className="rounded border border-border p-3 text-sm">
      <h3 className="mb-2 font-medium">Review migration</h3>
      <MigrationReview ref={projectRef} endpoints={endpoints} />
    </section>
  )
}
