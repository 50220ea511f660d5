/** Replaces each secret that occurs in `text` with `[redacted]`; for text that came from a server. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words and protect nothing.
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
