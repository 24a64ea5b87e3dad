import { useRouter } from 'next/router'

import { EngineHome } from 'components/interfaces/EngineHome/EngineHome'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function RedisPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="redis" title="Redis">
      <EngineHome projectRef={ref} type="redis" description="Keys, values, pub/sub and server statistics of the project's Redis." />
    </ProjectLayout>
  )
}
