import clsx from 'clsx'
import { Loader2 } from 'lucide-react'

export function Loading({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={clsx('flex items-center gap-2 text-xs text-foreground-muted', className)}>
      <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden />
      {label}
    </div>
  )
}
