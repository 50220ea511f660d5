import { MiroConfigError } from './errors.js';

/**
 * Checks a URL option at construction: absolute, `https:` (plain `http:` only on a loopback host,
 * or anywhere with `allowInsecureUrls` for test setups) and without a fragment. Returns it as given.
 */
export function checkUrlOption(option: string, value: string, allowInsecureUrls: boolean): string {
  if (!URL.canParse(value)) throw new MiroConfigError(`Miro: ${option} is not a valid absolute URL: "${value}"`);
  const url = new URL(value);
  const where = `${url.protocol}//${url.host}`;
  if (value.includes('#')) throw new MiroConfigError(`Miro: ${option} must not have a fragment (#...): "${value}"`);
  if (url.protocol === 'https:') return value;
  if (url.protocol === 'http:') {
    if (isLoopback(url.hostname) || allowInsecureUrls) return value;
    throw new MiroConfigError(
      `Miro: ${option} must use https: (plain http: only on a loopback host such as localhost or 127.0.0.1), got ${where}; pass allowInsecureUrls: true in a test setup`,
    );
  }
  throw new MiroConfigError(`Miro: ${option} must be an https: URL, got the ${url.protocol} scheme`);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

export function nonNegativeMs(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new MiroConfigError(`Miro: ${option} must be a non-negative number of milliseconds, got ${String(value)}`);
  }
  return value;
}
