import { useRouter } from 'next/router'
import { useEffect } from 'react'

import { ProjectsOverview } from 'components/interfaces/Projects/ProjectsOverview'
import { AppHeaderLayout } from 'components/layouts/AppHeaderLayout'
import { Loading } from 'components/ui/Loading'
import { useAuth } from 'lib/auth/AuthProvider'

export default function ProjectsPage() {
  const { ready, isPlatform } = useAuth()
  const router = useRouter()
  // Self-hosted mode has one project and no organizations to manage.
  useEffect(() => {
    if (ready && !isPlatform) void router.replace('/project/default')
  }, [ready, isPlatform, router])
  return <AppHeaderLayout title="Projects">{ready && isPlatform ? <ProjectsOverview /> : <Loading className="m-8" />}</AppHeaderLayout>
}
