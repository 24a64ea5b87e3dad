import { IndexesPanel } from 'components/interfaces/MongoDB/IndexesPanel'
import { MongoLayout } from 'components/interfaces/MongoDB/MongoLayout'
import { MongoWorkspace } from 'components/interfaces/MongoDB/MongoWorkspace'

export default function MongoIndexesPage() {
  return (
    <MongoLayout section="indexes" title="MongoDB indexes">
      <MongoWorkspace title="Indexes" description="The collection's indexes with their keys and options." needsCollection>
        {({ target, canWrite }) =>
          target && <IndexesPanel key={`${target.connectionId}/${target.db}/${target.coll}`} target={target} canWrite={canWrite} />
        }
      </MongoWorkspace>
    </MongoLayout>
  )
}
