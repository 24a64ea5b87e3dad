import clsx from 'clsx'
import type { ReactNode } from 'react'

/** The padded column of a page body with an optional heading row. */
export function PageContainer({
  title,
  description,
  actions,
  children,
  className,
}: {
  title?: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <div className={clsx('mx-auto flex w-full max-w-6xl flex-col gap-5 px-6 py-6', className)}>
      {(title || actions) && (
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex flex-col gap-1">
            {title && <h1 className="text-lg font-medium text-foreground">{title}</h1>}
            {description && <p className="text-xs text-foreground-muted">{description}</p>}
          </div>
          {actions && <div className="flex items-center gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </div>
  )
}
