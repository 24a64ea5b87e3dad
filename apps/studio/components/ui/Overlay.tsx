import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { createPortal } from 'react-dom'

/**
 * What Dialog and SidePanel share: a portal on <body>, a backdrop, Escape and backdrop-click to
 * close, focus moved into the panel on open and given back on close.
 */
export function Overlay({
  open,
  onClose,
  children,
  panelRef,
}: {
  open: boolean
  onClose: () => void
  children: ReactNode
  panelRef: RefObject<HTMLElement | null>
}) {
  const [mounted, setMounted] = useState(false)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose

  useEffect(() => setMounted(true), [])

  useEffect(() => {
    if (!open) return
    const previouslyFocused = document.activeElement as HTMLElement | null
    const panel = panelRef.current
    const firstField = panel?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]), select, textarea')
    ;(firstField ?? panel)?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCloseRef.current()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      previouslyFocused?.focus?.()
    }
  }, [open, panelRef])

  if (!mounted || !open) return null
  return createPortal(
    <div className="fixed inset-0 z-50">
      <div className="absolute inset-0 bg-black/50" aria-hidden onClick={() => onCloseRef.current()} />
      {children}
    </div>,
    document.body
  )
}
