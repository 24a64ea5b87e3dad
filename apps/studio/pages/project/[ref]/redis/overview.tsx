import { useRouter } from 'next/router'

import { RedisOverview } from 'components/interfaces/Redis/Overview/RedisOverview'
import { RedisConnectionGate } from 'components/interfaces/Redis/RedisConnectionGate'
import { redisProductMenu } from 'components/interfaces/Redis/RedisProductMenu'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function RedisOverviewPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="redis" title="Overview" productMenu={redisProductMenu(ref, 'overview')}>
      <RedisConnectionGate projectRef={ref} title="Overview" description="The server's counters over the last minutes, its keyspace and INFO.">
        {(connection) => (
          <RedisOverview
            key={connection.id}
            projectRef={ref}
            connectionId={connection.id}
            connectionDb={typeof connection.options.db === 'number' ? connection.options.db : 0}
          />
        )}
      </RedisConnectionGate>
    </ProjectLayout>
  )
}
