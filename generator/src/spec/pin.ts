import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpecError } from '../errors.js';

/** One published version of Miro's spec: where it lives at a fixed commit, and the hash of its bytes. */
export interface SpecPin {
  readonly published: string;
  readonly commit: string;
  readonly url: string;
  readonly sha256: string;
}

const PIN_KEYS = ['published', 'commit', 'url', 'sha256'] as const;

function checkedPin(value: unknown, file: string, at: string): SpecPin {
  const pin = (value ?? {}) as Partial<SpecPin>;
  for (const key of PIN_KEYS) {
    if (typeof pin[key] !== 'string') throw new SpecError(`the pin has no "${key}"`, `${at}/${key}`, file);
  }
  if (!/^https?:\/\//i.test(pin.url!)) throw new SpecError(`the pin's url is not an http(s) URL`, `${at}/url`, file);
  return pin as SpecPin;
}

/** `spec/pin.json`: the spec the packages are built from. */
export async function readPin(root: string): Promise<SpecPin> {
  const file = join(root, 'spec', 'pin.json');
  return checkedPin(JSON.parse(await readFile(file, 'utf8')), file, '');
}

/** `spec/test-specs.json`: every published version the tests read, each pinned like the build's spec. */
export async function readTestPins(root: string): Promise<SpecPin[]> {
  const file = join(root, 'spec', 'test-specs.json');
  const list = JSON.parse(await readFile(file, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new SpecError('expected a list of pins', '', file);
  return list.map((entry, i) => checkedPin(entry, file, `/${i}`));
}

/** The name a version has in the folder `MIRO_SPEC_DIR` names (as Miro's published specs are kept). */
export function specFileName(pin: SpecPin): string {
  return `miro-openapi-${pin.published}.json`;
}

export function pinMismatchMessage(pin: SpecPin, location: string, actual: string): string {
  return [
    `The spec at ${location} has sha256 ${actual},`,
    `but spec/pin.json pins ${pin.sha256} (Miro's spec of ${pin.published}, commit ${pin.commit}).`,
    'Either point MIRO_SPEC_SOURCE at the pinned file, or adopt the new spec with `pnpm spec:update <path|url>`',
    '(it reports the API change and writes a changeset), or generate from it without the pin: `pnpm exec miro-generate --spec <path|url>`.',
  ].join('\n');
}
