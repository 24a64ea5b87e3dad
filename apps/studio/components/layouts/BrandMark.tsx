import { Boxes } from 'lucide-react'
import Link from 'next/link'

export function BrandMark({ href }: { href: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-sm font-semibold text-foreground">
      <Boxes className="h-5 w-5 text-brand" aria-hidden />
      <span>Multibase</span>
    </Link>
  )
}
