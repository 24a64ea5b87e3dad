import { useRouter } from 'next/router'

import { DatabaseConnectionGate } from 'components/interfaces/Database/DatabaseConnectionGate'
import { databaseMenu } from 'components/interfaces/Database/database-menu'
import { SqlEditorView } from 'components/interfaces/SQLEditor/SqlEditorView'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

/** Database → SQL editor (Supabase Studio's SQL editor). */
export default function DatabaseSqlPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const connectionId = typeof router.query.connectionId === 'string' ? router.query.connectionId : undefined
  return (
    <ProjectLayout section="database" title="SQL editor" productMenu={databaseMenu(ref, 'sql', connectionId)}>
      <DatabaseConnectionGate projectRef={ref} title="SQL editor">
        {(connection) => <SqlEditorView key={connection.id} projectRef={ref} connectionId={connection.id} />}
      </DatabaseConnectionGate>
    </ProjectLayout>
  )
}
