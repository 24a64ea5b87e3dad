import type { SyncEndpoints } from '@multibase/api-contracts'
import { useRouter } from 'next/router'
import { useState } from 'react'

import { MigrationReview, SyncValidateReport } from 'components/interfaces/Sync/schema'
import { SyncCompareForm } from 'components/interfaces/Sync/schema/SyncCompareForm'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

/** Sync → Compare: the compatibility report and the schema migration of two connections, before a job. */
export default function SyncComparePage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const [endpoints, setEndpoints] = useState<SyncEndpoints>()
  return (
    <ProjectLayout section="sync" title="Compare">
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-auto p-4">
        <h1 className="text-base font-medium text-foreground">Compare source and target</h1>
        {ref && <SyncCompareForm projectRef={ref} onCompare={setEndpoints} />}
        {endpoints && (
          <div key={JSON.stringify(endpoints)} className="flex flex-col gap-6">
            <SyncValidateReport ref={ref} endpoints={endpoints} />
            <MigrationReview ref={ref} endpoints={endpoints} />
          </div>
        )}
      </div>
    </ProjectLayout>
  )
}
