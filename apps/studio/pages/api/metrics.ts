import { apiRoute } from 'lib/api/apiWrapper'
import { getEnv } from 'lib/env'
import { registerScrapeCollectors } from 'lib/metrics/collectors'
import { getMetrics } from 'lib/metrics/registry'
import { assertScrapeAllowed } from 'lib/metrics/scrape-auth'

export default apiRoute(
  {
    GET: {
      // Not a user's call: the scraper's METRICS_TOKEN is checked in the handler instead of a GoTrue JWT.
      permission: 'none',
      handler: async ({ req, res }) => {
        assertScrapeAllowed(req, getEnv().METRICS_TOKEN)
        registerScrapeCollectors()
        const { registry } = getMetrics()
        const text = await registry.metrics()
        res.statusCode = 200
        res.setHeader('Content-Type', registry.contentType)
        res.setHeader('Cache-Control', 'no-store')
        res.end(text)
        return undefined
      },
    },
  },
  { withAuth: false }
)
