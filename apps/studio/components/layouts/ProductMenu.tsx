import clsx from 'clsx'
import Link from 'next/link'

export interface ProductMenuItem {
  label: string
  href: string
  active: boolean
}

/** The second column of a section (Settings → Connections, Redis → Browser ...). */
export function ProductMenu({ title, items }: { title: string; items: ProductMenuItem[] }) {
  return (
    <nav aria-label={title} className="flex w-52 shrink-0 flex-col border-r border-border bg-surface">
      <div className="flex h-12 items-center border-b border-border px-4 text-sm font-medium text-foreground">{title}</div>
      <ul className="flex flex-col gap-px p-2">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.active ? 'page' : undefined}
              className={clsx(
                'block rounded-md px-2.5 py-1.5 text-xs',
                item.active ? 'bg-surface-raised font-medium text-foreground' : 'text-foreground-light hover:bg-surface-raised/60 hover:text-foreground'
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
