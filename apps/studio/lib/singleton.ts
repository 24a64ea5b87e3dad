/**
 * One instance per process. The custom server (loaded by tsx) and the Next.js API bundles (compiled by
 * webpack) each get their own copy of our modules, so module-level state would exist twice; the
 * platform database pool, the pool manager and the pub/sub gateway must be shared, so they hang off
 * `globalThis` under a registered symbol.
 */
const local = new Map<string, unknown>()

export function processSingleton<T>(name: string, create: () => T): T {
  // Called several times per request (env, pools, caches); an instance, once on globalThis, is never
  // replaced, so this copy of the module remembers it and skips the global registry from then on.
  const known = local.get(name)
  if (known !== undefined) return known as T
  const key = Symbol.for(`multibase.${name}`)
  const store = globalThis as unknown as Record<symbol, T | undefined>
  if (store[key] === undefined) store[key] = create()
  local.set(name, store[key])
  return store[key] as T
}
