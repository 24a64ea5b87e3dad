/**
 * Driver read options that keep every BSON value's type: Int32, Int64 and Double come back as their
 * wrapper classes instead of JS numbers, so canonical EJSON output is exactly what was stored.
 */
export const exactBsonTypes = { promoteValues: false, promoteLongs: false } as const
