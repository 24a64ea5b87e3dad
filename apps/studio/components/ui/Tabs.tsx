import clsx from 'clsx'

export interface TabItem<Value extends string> {
  value: Value
  label: string
}

/**
 * Underlined tabs (Supabase style) for switching views of one thing: engines, a value's text/JSON/hex
 * views. Controlled: the caller keeps the value (in state or in the URL).
 */
export function Tabs<Value extends string>({
  items,
  value,
  onChange,
  label,
  className,
}: {
  items: TabItem<Value>[]
  value: Value
  onChange: (value: Value) => void
  /** Accessible name of the tab list. */
  label: string
  className?: string
}) {
  return (
    <div role="tablist" aria-label={label} className={clsx('flex gap-4 border-b border-border', className)}>
      {items.map((item) => (
        <button
          key={item.value}
          type="button"
          role="tab"
          aria-selected={item.value === value}
          onClick={() => onChange(item.value)}
          className={clsx(
            '-mb-px border-b-2 px-0.5 pb-2 text-xs',
            item.value === value ? 'border-foreground font-medium text-foreground' : 'border-transparent text-foreground-light hover:text-foreground'
          )}
        >
          {item.label}
        </button>
      ))}
    </div>
  )
}
