/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@multibase/api-contracts'],
  serverExternalPackages: ['pg', 'ioredis', 'mongodb', 'pg-boss', 'generic-pool', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'ws'],
  eslint: { ignoreDuringBuilds: true },
  // The Studio is often served on a private address; no telemetry, no remote fonts or images.
  images: { unoptimized: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ]
  },
}
