/**
 * Removes secrets from text that came from a driver or a server before it reaches a response or a
 * log line: credentials inside URLs, `password=` pairs, and any literal secret we know of.
 */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi
const PASSWORD_PAIRS = /(password|passwd|pwd|secret|token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi

export function redactSecrets(text: string, knownSecrets: Array<string | undefined> = []): string {
  let out = text.replace(URL_CREDENTIALS, '$1***@').replace(PASSWORD_PAIRS, '$1$2***')
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***')
  }
  return out
}
