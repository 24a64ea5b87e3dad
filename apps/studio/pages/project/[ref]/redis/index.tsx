import { useRouter } from 'next/router'

import { ConnectionSwitcher } from 'components/interfaces/Connections/ConnectionSwitcher'
import { EngineHome } from 'components/interfaces/EngineHome/EngineHome'
import { RedisKeyBrowser } from 'components/interfaces/Redis/Browser/RedisKeyBrowser'
import { RedisConnectionBar } from 'components/interfaces/Redis/RedisConnectionBar'
import { redisProductMenu } from 'components/interfaces/Redis/RedisProductMenu'
import { ProjectLayout } from 'components/layouts/ProjectLayout'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { useSelectedConnection } from 'hooks/useSelectedConnection'

/** Redis → Browser; without a connection (or while they load) the engine's landing page says what to do. */
export default function RedisBrowserPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="redis" title="Browser" productMenu={redisProductMenu(ref, 'browser')}>
      <RedisBrowserBody projectRef={ref} />
    </ProjectLayout>
  )
}

function RedisBrowserBody({ projectRef }: { projectRef: string }) {
  const { connections, selected, select } = useSelectedConnection(projectRef, 'redis')
  const { can } = useProjectPermissions(projectRef)

  if (!selected) {
    return <EngineHome projectRef={projectRef} type="redis" description="Keys, values, pub/sub and server statistics of the project's Redis." />
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-4 py-2">
        <h1 className="text-base font-medium text-foreground">Browser</h1>
        <ConnectionSwitcher type="redis" connections={connections} selected={selected} onSelect={select} />
      </div>
      <RedisConnectionBar projectRef={projectRef} connection={selected} canTest={can('admin')} />
      <RedisKeyBrowser key={selected.id} projectRef={projectRef} connection={selected} canWrite={can('write')} />
    </div>
  )
}
