import { useRouter } from 'next/router'

import { EngineHome } from 'components/interfaces/EngineHome/EngineHome'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function MongoDBPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="mongodb" title="MongoDB">
      <EngineHome projectRef={ref} type="mongodb" description="Databases, collections and documents of the project's MongoDB." />
    </ProjectLayout>
  )
}
