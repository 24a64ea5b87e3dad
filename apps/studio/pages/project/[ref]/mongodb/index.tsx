import { useRouter } from 'next/router'

import { EngineHome } from 'components/interfaces/EngineHome/EngineHome'
import { MongoLayout } from 'components/interfaces/MongoDB/MongoLayout'

export default function MongoDBPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <MongoLayout section="overview" title="MongoDB">
      <EngineHome projectRef={ref} type="mongodb" description="Databases, collections and documents of the project's MongoDB." />
    </MongoLayout>
  )
}
