import { ChevronLeft, ChevronRight } from 'lucide-react'

import { Button } from 'components/ui/Button'
import { formatCount } from '../key-names'

/** Previous / next through a large value, with where this page sits in it. */
export function ValuePager({
  first,
  shown,
  length,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  loading,
}: {
  /** 1-based position of the page's first element, when the value is addressed by index. */
  first: number | undefined
  shown: number
  length: number | null
  hasPrevious: boolean
  hasNext: boolean
  onPrevious: () => void
  onNext: () => void
  loading: boolean
}) {
  const range = first !== undefined && shown > 0 ? `${formatCount(first)}–${formatCount(first + shown - 1)}` : `${formatCount(shown)}`
  return (
    <div className="flex items-center justify-between gap-3 text-xs text-foreground-muted">
      <span data-testid="value-page-range">
        {first !== undefined ? `Elements ${range}` : `${range} on this page`}
        {length !== null && ` of ${formatCount(length)}`}
      </span>
      <span className="flex gap-1">
        <Button size="tiny" icon={ChevronLeft} disabled={!hasPrevious || loading} onClick={onPrevious}>
          Previous page
        </Button>
        <Button size="tiny" icon={ChevronRight} disabled={!hasNext || loading} onClick={onNext}>
          Next page
        </Button>
      </span>
    </div>
  )
}
