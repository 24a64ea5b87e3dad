import type { DatabaseType } from '@multibase/api-contracts'

import { Tabs } from 'components/ui/Tabs'
import { ENGINES, ENGINE_LABELS } from './engines'

export function EngineTabs({ value, onChange }: { value: DatabaseType; onChange: (type: DatabaseType) => void }) {
  return <Tabs label="Engine" items={ENGINES.map((type) => ({ value: type, label: ENGINE_LABELS[type] }))} value={value} onChange={onChange} />
}
