/**
 * The RDB format version a DUMP payload was written with: the two bytes (little endian) before its
 * trailing 8-byte CRC64. RESTORE refuses a payload newer than the server's own RDB version.
 */
export function rdbVersionOf(payload: Buffer): number | null {
  if (payload.length < 10) return null
  return payload.readUInt16LE(payload.length - 10)
}

/** The RDB version a Redis release writes (and the newest it restores), by `redis_version`. */
export function rdbVersionForRedis(version: string): number {
  const [major, minor] = version.split('.').map(Number)
  if (major >= 8 || (major === 7 && minor >= 4)) return 12
  if (major === 7 && minor >= 2) return 11
  if (major === 7) return 10
  if (major >= 5) return 9
  if (major === 4) return 8
  if (major === 3 && minor >= 2) return 7
  return 6
}
