import type { DatabaseType } from '@multibase/api-contracts'
import clsx from 'clsx'

import { ENGINES, ENGINE_LABELS } from './engines'

export function EngineTabs({ value, onChange }: { value: DatabaseType; onChange: (type: DatabaseType) => void }) {
  return (
    <div role="tablist" aria-label="Engine" className="flex gap-4 border-b border-border">
      {ENGINES.map((type) => (
        <button
          key={type}
          type="button"
          role="tab"
          aria-selected={type === value}
          onClick={() => onChange(type)}
          className={clsx(
            '-mb-px border-b-2 px-0.5 pb-2 text-xs',
            type === value ? 'border-foreground font-medium text-foreground' : 'border-transparent text-foreground-light hover:text-foreground'
          )}
        >
          {ENGINE_LABELS[type]}
        </button>
      ))}
    </div>
  )
}
