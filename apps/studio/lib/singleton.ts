/**
 * One instance per process. The custom server (loaded by tsx) and the Next.js API bundles (compiled by
 * webpack) each get their own copy of our modules, so module-level state would exist twice; the
 * platform database pool, the pool manager and the pub/sub gateway must be shared, so they hang off
 * `globalThis` under a registered symbol.
 */
const keys = new Map<string, symbol>()

export function processSingleton<T>(name: string, create: () => T): T {
  // Called on every request (env, pools, caches): the registry key is looked up once per name.
  let key = keys.get(name)
  if (key === undefined) keys.set(name, (key = Symbol.for(`multibase.${name}`)))
  const store = globalThis as unknown as Record<symbol, T | undefined>
  if (store[key] === undefined) store[key] = create()
  return store[key] as T
}
