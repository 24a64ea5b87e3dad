/**
 * Driver read options that keep every BSON value's type: Int32, Int64 and Double come back as their
 * wrapper classes instead of JS numbers, and a regular expression as a BSONRegExp (a JS RegExp would
 * drop flags JS lacks, such as `x`, and turn `s` into `g`), so the output is exactly what was stored.
 */
export const exactBsonTypes = { promoteValues: false, promoteLongs: false, bsonRegExp: true } as const
