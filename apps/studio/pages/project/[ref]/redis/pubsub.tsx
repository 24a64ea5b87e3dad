import { useRouter } from 'next/router'

import { RedisConnectionGate } from 'components/interfaces/Redis/RedisConnectionGate'
import { PubSubViewer } from 'components/interfaces/Redis/PubSub/PubSubViewer'
import { redisProductMenu } from 'components/interfaces/Redis/RedisProductMenu'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function RedisPubSubPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="redis" title="Pub/Sub" productMenu={redisProductMenu(ref, 'pubsub')}>
      <RedisConnectionGate
        projectRef={ref}
        title="Pub/Sub"
        description="Watch channels and patterns live, publish messages, see which channels have subscribers."
      >
        {(connection) => <PubSubViewer key={connection.id} projectRef={ref} connectionId={connection.id} />}
      </RedisConnectionGate>
    </ProjectLayout>
  )
}
