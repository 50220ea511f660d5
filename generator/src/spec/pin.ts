import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpecError } from '../errors.js';

export interface SpecPin {
  readonly published: string;
  readonly commit: string;
  readonly url: string;
  readonly sha256: string;
}

export async function readPin(root: string): Promise<SpecPin> {
  const file = join(root, 'spec', 'pin.json');
  const pin = JSON.parse(await readFile(file, 'utf8')) as Partial<SpecPin>;
  for (const key of ['published', 'commit', 'url', 'sha256'] as const) {
    if (typeof pin[key] !== 'string') throw new SpecError(`the pin has no "${key}"`, `/${key}`, file);
  }
  return pin as SpecPin;
}

/** The default source: `MIRO_SPEC_SOURCE` (a path or URL) when set, else the pinned URL. */
export function defaultSource(pin: SpecPin, env: NodeJS.ProcessEnv = process.env): string {
  return env.MIRO_SPEC_SOURCE?.trim() || pin.url;
}

export function pinMismatchMessage(pin: SpecPin, location: string, actual: string): string {
  return [
    `The spec at ${location} has sha256 ${actual},`,
    `but spec/pin.json pins ${pin.sha256} (Miro's spec of ${pin.published}, commit ${pin.commit}).`,
    'Either point MIRO_SPEC_SOURCE at the pinned file, or adopt the new spec with `pnpm spec:update <path|url>`',
    '(it reports the API change and writes a changeset), or generate from it without the pin: `pnpm exec miro-generate --spec <path|url>`.',
  ].join('\n');
}
