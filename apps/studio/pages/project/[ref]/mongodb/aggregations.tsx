import { AggregationsPanel } from 'components/interfaces/MongoDB/AggregationsPanel'
import { MongoLayout } from 'components/interfaces/MongoDB/MongoLayout'
import { MongoWorkspace } from 'components/interfaces/MongoDB/MongoWorkspace'

export default function MongoAggregationsPage() {
  return (
    <MongoLayout section="aggregations" title="MongoDB aggregations">
      <MongoWorkspace title="Aggregations" description="Build a pipeline stage by stage and see what each stage outputs." needsCollection>
        {({ target, canWrite }) =>
          target && <AggregationsPanel key={`${target.connectionId}/${target.db}/${target.coll}`} target={target} canWrite={canWrite} />
        }
      </MongoWorkspace>
    </MongoLayout>
  )
}
