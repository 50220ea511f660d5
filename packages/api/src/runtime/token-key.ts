/** Recent token -> key results; tokens are few per process and hashing is async. */
const cache = new Map<string, Promise<string>>();
const CACHE_SIZE = 16;
/** The settled entries of `cache`. */
const known = new Map<string, string>();

/**
 * Budget key for an access token: a SHA-256 prefix, so the token itself never reaches a budget
 * store (Redis) or a log. Falls back to a non-cryptographic hash where WebCrypto is missing
 * (insecure browser contexts).
 */
export function tokenKey(token: string): Promise<string> {
  let key = cache.get(token);
  if (!key) {
    key = hash(token);
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      known.delete(oldest);
    }
    cache.set(token, key);
    const pending = key;
    pending.then(
      (value) => {
        if (cache.get(token) === pending) known.set(token, value);
      },
      () => undefined, // the caller of tokenKey sees the failure
    );
  }
  return key;
}

/** The key of a token already hashed (and still cached), without waiting for a promise. */
export function knownTokenKey(token: string): string | undefined {
  return known.get(token);
}

async function hash(token: string): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle) {
    const digest = await subtle.digest('SHA-256', new TextEncoder().encode(token));
    const hex = Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
    return `token:${hex}`;
  }
  return `token:fnv:${fnv1a(token)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  let hash2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
    hash2 = Math.imul(hash2 ^ c, 0x811c9dc5) >>> 0;
  }
  return hash.toString(16).padStart(8, '0') + hash2.toString(16).padStart(8, '0');
}
