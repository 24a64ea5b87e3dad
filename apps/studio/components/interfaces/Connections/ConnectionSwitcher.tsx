import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { Plug } from 'lucide-react'

import { Select } from 'components/ui/Select'
import { ENGINE_LABELS, describeOptions } from './engines'

export interface ConnectionSwitcherProps {
  type: DatabaseType
  connections: Connection[] | undefined
  selected: Connection | undefined
  onSelect: (id: string) => void
}

/** Picks the connection an engine's pages work on; pair with `useSelectedConnection`. */
export function ConnectionSwitcher({ type, connections, selected, onSelect }: ConnectionSwitcherProps) {
  if (!connections?.length) return null
  return (
    <div className="flex items-center gap-2">
      <Plug className="h-3.5 w-3.5 text-foreground-muted" aria-hidden />
      <Select
        id={`connection-switcher-${type}`}
        aria-label={`${ENGINE_LABELS[type]} connection`}
        className="w-96"
        value={selected?.id ?? ''}
        onChange={(event) => onSelect(event.target.value)}
        options={connections.map((connection) => ({
          value: connection.id,
          label: `${connection.identifier} · ${connection.host}:${connection.port} · ${describeOptions(type, connection.options)}${connection.isPrimary ? ' · primary' : ''}`,
        }))}
      />
    </div>
  )
}
