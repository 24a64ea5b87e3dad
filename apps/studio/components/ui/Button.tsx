import clsx from 'clsx'
import { Loader2, type LucideIcon } from 'lucide-react'
import { forwardRef, type ButtonHTMLAttributes } from 'react'

export type ButtonVariant = 'primary' | 'default' | 'danger' | 'ghost'
export type ButtonSize = 'tiny' | 'small' | 'medium'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: ButtonSize
  /** Shows a spinner and disables the button. */
  loading?: boolean
  icon?: LucideIcon
}

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand text-black border-brand-strong hover:bg-brand-strong',
  default: 'bg-surface-raised text-foreground border-border-strong hover:bg-border',
  danger: 'bg-destructive-faint text-destructive border-destructive/40 hover:bg-destructive hover:text-white',
  ghost: 'bg-transparent text-foreground-light border-transparent hover:bg-surface-raised hover:text-foreground',
}

const sizes: Record<ButtonSize, string> = {
  tiny: 'h-6 px-2 text-xs gap-1',
  small: 'h-7 px-2.5 text-xs gap-1.5',
  medium: 'h-8 px-3 text-sm gap-2',
}

/** The one button. `type` defaults to "button" so a button inside a form never submits by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'default', size = 'small', loading = false, icon: Icon, className, children, disabled, type = 'button', ...props },
  ref
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || loading}
      className={clsx(
        'inline-flex shrink-0 items-center justify-center whitespace-nowrap rounded-md border font-medium transition-colors',
        'disabled:cursor-not-allowed disabled:opacity-50',
        variants[variant],
        sizes[size],
        className
      )}
      {...props}
    >
      {loading ? <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden /> : Icon ? <Icon className="h-3.5 w-3.5" aria-hidden /> : null}
      {children}
    </button>
  )
})
