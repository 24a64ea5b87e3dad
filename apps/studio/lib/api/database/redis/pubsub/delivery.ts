import { isUtf8 } from 'node:buffer'

/** A published message serialized once and shared by every viewer it fans out to. */
export interface SerializedDelivery {
  /** One element of a `messages` batch, already JSON. */
  json: string
  /** UTF-8 size of `json`: what the message costs in a viewer's buffer. */
  bytes: number
}

/** Channel names and payloads that are not UTF-8 travel base64-encoded and say so. */
export function serializeDelivery(channel: Buffer, message: Buffer, pattern?: string): SerializedDelivery {
  const textChannel = isUtf8(channel)
  const textMessage = isUtf8(message)
  const json = JSON.stringify({
    channel: channel.toString(textChannel ? 'utf8' : 'base64'),
    message: message.toString(textMessage ? 'utf8' : 'base64'),
    ...(pattern !== undefined ? { pattern } : {}),
    ...(textMessage ? {} : { encoding: 'base64' }),
    ...(textChannel ? {} : { channelEncoding: 'base64' }),
  })
  return { json, bytes: Buffer.byteLength(json) }
}
