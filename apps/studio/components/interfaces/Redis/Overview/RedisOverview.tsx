import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useRedisStatsQuery } from 'data/redis-stats/redis-stats-query'
import { formatBytes, formatDuration, formatPercent, formatRate } from './format'
import { InfoSections } from './InfoSections'
import { KeyspaceTable } from './KeyspaceTable'
import { StatsChart } from './StatsChart'
import { useStatsSeries } from './stats-series'

const POLL_INTERVAL_MS = 2_000
/** Five minutes of samples. */
const MAX_POINTS = 150

/** Redis → Overview: live counters charted over the last minutes, keyspace per database and INFO. */
export function RedisOverview({ projectRef, connectionId, connectionDb }: { projectRef: string; connectionId: string; connectionDb: number }) {
  const { data: sample, error } = useRedisStatsQuery({ ref: projectRef, connectionId, refreshInterval: POLL_INTERVAL_MS })
  const points = useStatsSeries(sample, connectionId, MAX_POINTS)
  const latest = points.at(-1)

  return (
    <div className="flex flex-col gap-6">
      {error && <ErrorMessage error={error} title="The server's counters could not be read; retrying" />}
      {!sample || !latest ? (
        !error && <Loading label="Sampling the server…" />
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-xxs text-foreground-muted">
            <span>
              Uptime <span className="font-mono text-foreground-light">{formatDuration(sample.uptimeSeconds * 1000)}</span>
            </span>
            <span>
              Network in/out <span className="font-mono text-foreground-light">{`${sample.inputKbps.toFixed(1)} / ${sample.outputKbps.toFixed(1)} KB/s`}</span>
            </span>
            <span data-testid="stats-samples">
              {`${points.length} sample${points.length === 1 ? '' : 's'}, every ${POLL_INTERVAL_MS / 1000}s, last ${(MAX_POINTS * POLL_INTERVAL_MS) / 60_000} minutes kept`}
            </span>
          </div>
          <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-4">
            <StatsChart title="Operations per second" figure={formatRate(latest.opsPerSec)} points={points} dataKey="opsPerSec" format={formatRate} />
            <StatsChart
              title="Memory used"
              figure={formatBytes(latest.usedMemory)}
              detail={`peak ${formatBytes(sample.usedMemoryPeak)} · max ${sample.maxMemory > 0 ? formatBytes(sample.maxMemory) : 'unlimited'}`}
              points={points}
              dataKey="usedMemory"
              format={formatBytes}
            />
            <StatsChart
              title="Connected clients"
              figure={latest.connectedClients.toLocaleString('en-US')}
              detail={`${latest.blockedClients} blocked`}
              points={points}
              dataKey="connectedClients"
              format={(value) => String(Math.round(value))}
            />
            <StatsChart
              title="Hit ratio"
              figure={formatPercent(latest.hitRatio)}
              detail={`${latest.hitRatio === null ? 'no lookups since the last sample · ' : ''}since reset ${formatPercent(sample.hitRatio)}`}
              points={points}
              dataKey="hitRatio"
              format={(value) => formatPercent(value)}
              domain={[0, 1]}
            />
          </div>
          <KeyspaceTable keyspace={sample.keyspace} connectionDb={connectionDb} />
        </>
      )}
      <InfoSections projectRef={projectRef} connectionId={connectionId} />
    </div>
  )
}
