import { useRouter } from 'next/router'

import { DatabaseConnectionGate } from 'components/interfaces/Database/DatabaseConnectionGate'
import { databaseMenu } from 'components/interfaces/Database/database-menu'
import { TablesView } from 'components/interfaces/Database/TablesView'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

/** Database → Tables: the landing page of the Postgres section (Supabase Studio's Table editor). */
export default function DatabaseTablesPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const connectionId = typeof router.query.connectionId === 'string' ? router.query.connectionId : undefined
  return (
    <ProjectLayout section="database" title="Tables" productMenu={databaseMenu(ref, 'tables', connectionId)}>
      <DatabaseConnectionGate projectRef={ref} title="Tables">
        {(connection) => <TablesView projectRef={ref} connectionId={connection.id} />}
      </DatabaseConnectionGate>
    </ProjectLayout>
  )
}
