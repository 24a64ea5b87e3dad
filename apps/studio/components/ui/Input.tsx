import clsx from 'clsx'
import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react'

const fieldClass =
  'w-full rounded-md border border-border-strong bg-surface px-2.5 text-sm text-foreground placeholder:text-foreground-muted ' +
  'focus:border-brand focus:outline-none focus:ring-1 focus:ring-brand disabled:cursor-not-allowed disabled:opacity-60'

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...props }, ref) {
  return <input ref={ref} className={clsx(fieldClass, 'h-8', className)} {...props} />
})

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, ...props },
  ref
) {
  return <textarea ref={ref} className={clsx(fieldClass, 'py-1.5 font-mono text-xs', className)} {...props} />
})

export interface FormFieldProps {
  label: string
  /** Gets the id of the control, so label and control are linked. */
  children: (id: string) => ReactNode
  description?: ReactNode
  error?: string
  className?: string
}

/** Label, control, help text and an inline error, laid out the same everywhere. */
export function FormField({ label, children, description, error, className }: FormFieldProps) {
  const id = useId()
  return (
    <div className={clsx('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-xs font-medium text-foreground-light">
        {label}
      </label>
      {children(id)}
      {description && !error && <p className="text-xs text-foreground-muted">{description}</p>}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
    </div>
  )
}

export const fieldClassName = fieldClass
