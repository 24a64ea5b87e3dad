import type Redis from 'ioredis'

/**
 * TYPE (unless the caller knows it), PTTL and optionally MEMORY USAGE of every key of a page, then
 * DBSIZE, in one script call. It is one round trip like a pipeline, but the server sends one reply
 * for the page instead of two or three per key, which halves the client's work on a 500-key page.
 * The keys travel as KEYS, as a script's contract requires. A vanished key reads as type `none`/PTTL -2.
 */
const PAGE_METADATA_LUA = `
local withType = ARGV[1] == '1'
local withSize = ARGV[2] == '1'
local out = {}
for _, key in ipairs(KEYS) do
  if withType then out[#out + 1] = redis.call('TYPE', key)['ok'] end
  out[#out + 1] = redis.call('PTTL', key)
  if withSize then
    local ok, size = pcall(redis.call, 'MEMORY', 'USAGE', key)
    out[#out + 1] = ok and size or false
  end
end
out[#out + 1] = redis.call('DBSIZE')
return out
`

const COMMAND = 'multibasePageMetadata'

interface PageMetadataCommand {
  multibasePageMetadata(numberOfKeys: number, ...args: Array<Buffer | string>): Promise<Array<string | number | null>>
}

export interface KeyMetadata {
  type?: string
  pttl: number
  size?: number | null
}

export async function readPageMetadata(
  redis: Redis,
  keys: Buffer[],
  options: { withType: boolean; withSize: boolean }
): Promise<{ keys: KeyMetadata[]; total: number }> {
  if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: PAGE_METADATA_LUA })
  const reply = await (redis as unknown as PageMetadataCommand).multibasePageMetadata(
    keys.length,
    ...keys,
    options.withType ? '1' : '0',
    options.withSize ? '1' : '0'
  )
  const metadata: KeyMetadata[] = []
  let at = 0
  for (let index = 0; index < keys.length; index++) {
    const entry: KeyMetadata = { pttl: 0 }
    if (options.withType) entry.type = reply[at++] as string
    entry.pttl = reply[at++] as number
    if (options.withSize) entry.size = (reply[at++] as number | null) ?? null
    metadata.push(entry)
  }
  return { keys: metadata, total: reply[at] as number }
}
