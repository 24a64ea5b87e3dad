import parsePrometheusTextFormat from 'parse-prometheus-text-format'

export interface PrometheusSample {
  labels?: Record<string, string>
  value?: string
  count?: string
  sum?: string
  buckets?: Record<string, string>
}

export interface PrometheusFamily {
  name: string
  help: string
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'
  metrics: PrometheusSample[]
}

/** Reads a /api/metrics answer with a real Prometheus text-format parser, families by name. */
export function parsePrometheus(text: string): Map<string, PrometheusFamily> {
  const families = parsePrometheusTextFormat(text) as PrometheusFamily[]
  return new Map(families.map((family) => [family.name, family]))
}

const matches = (sample: PrometheusSample, labels: Record<string, string>) =>
  Object.entries(labels).every(([name, value]) => sample.labels?.[name] === value)

/** The sum over the samples whose labels include `labels` (a counter's or gauge's value, a histogram's count). */
export function sampleTotal(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}): number {
  const family = families.get(name)
  if (!family) return 0
  return family.metrics
    .filter((sample) => matches(sample, labels))
    .reduce((total, sample) => total + Number(family.type === 'HISTOGRAM' ? sample.count : sample.value), 0)
}
