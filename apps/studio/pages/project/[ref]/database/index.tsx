import { useRouter } from 'next/router'

import { EngineHome } from 'components/interfaces/EngineHome/EngineHome'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function DatabasePage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="database" title="Database">
      <EngineHome projectRef={ref} type="postgres" description="Tables, SQL and schema of the project's PostgreSQL database." />
    </ProjectLayout>
  )
}
