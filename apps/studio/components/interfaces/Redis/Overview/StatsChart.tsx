import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import type { StatsPoint } from './stats-series'
import { formatClock } from './format'

type NumericKey = 'opsPerSec' | 'usedMemory' | 'connectedClients' | 'hitRatio'

/**
 * One metric over the kept window as a small area chart. Colours come from the theme's CSS variables
 * (set on the SVG parts by class), so the chart follows dark and light like the rest of the page.
 */
export function StatsChart({
  title,
  figure,
  detail,
  points,
  dataKey,
  format,
  domain,
}: {
  title: string
  /** The latest value, as shown above the chart. */
  figure: string
  detail?: string
  points: StatsPoint[]
  dataKey: NumericKey
  format: (value: number) => string
  domain?: [number, number]
}) {
  return (
    <section
      aria-label={title}
      data-points={points.length}
      className="flex flex-col gap-2 rounded-md border border-border bg-surface p-3"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-xs text-foreground-light">{title}</h3>
        {detail && <span className="text-xxs text-foreground-muted">{detail}</span>}
      </div>
      <p className="font-mono text-xl text-foreground" data-testid={`figure-${dataKey}`}>
        {figure}
      </p>
      <div
        className={
          'h-32 [&_.recharts-area-area]:fill-brand/15 [&_.recharts-area-curve]:stroke-brand [&_.recharts-cartesian-axis-tick-value]:fill-foreground-muted ' +
          '[&_.recharts-cartesian-grid_line]:stroke-border [&_.recharts-cartesian-axis-line]:stroke-border [&_.recharts-cartesian-axis-tick-line]:stroke-border'
        }
      >
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={formatClock}
              tick={{ fontSize: 10 }}
              minTickGap={40}
            />
            <YAxis width={64} tick={{ fontSize: 10 }} tickFormatter={format} domain={domain ?? [0, 'auto']} allowDecimals />
            <Tooltip
              labelFormatter={(label) => formatClock(Number(label))}
              formatter={(value) => [typeof value === 'number' ? format(value) : '—', title]}
              contentStyle={{
                background: 'rgb(var(--surface-overlay))',
                border: '1px solid rgb(var(--border-strong))',
                borderRadius: 6,
                fontSize: 11,
                color: 'rgb(var(--foreground))',
              }}
              labelStyle={{ color: 'rgb(var(--foreground-light))' }}
            />
            <Area type="monotone" dataKey={dataKey} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} dot={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </section>
  )
}
