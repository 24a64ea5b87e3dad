import clsx from 'clsx'
import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react'

/** Dense tables in a bordered card: `<Table><thead><Tr><Th/></Tr></thead><tbody><Tr><Td/></Tr></tbody></Table>`. */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto rounded-md border border-border bg-surface">
      <table className={clsx('w-full border-collapse text-left text-xs', className)} {...props} />
    </div>
  )
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={clsx('border-b border-border last:border-b-0 hover:bg-surface-raised/60', className)} {...props} />
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      className={clsx('bg-surface-raised px-3 py-2 text-xxs font-medium uppercase tracking-wide text-foreground-muted', className)}
      {...props}
    />
  )
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx('px-3 py-2 align-middle text-foreground', className)} {...props} />
}
