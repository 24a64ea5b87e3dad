import clsx from 'clsx'
import { useId, type InputHTMLAttributes, type ReactNode } from 'react'

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode
  description?: ReactNode
}

export function Checkbox({ label, description, className, ...props }: CheckboxProps) {
  const id = useId()
  return (
    <div className={clsx('flex items-start gap-2', className)}>
      <input id={id} type="checkbox" className="mt-0.5 h-3.5 w-3.5 rounded border-border-strong accent-[rgb(var(--brand))]" {...props} />
      <label htmlFor={id} className="flex flex-col text-xs">
        <span className="font-medium text-foreground">{label}</span>
        {description && <span className="text-foreground-muted">{description}</span>}
      </label>
    </div>
  )
}
