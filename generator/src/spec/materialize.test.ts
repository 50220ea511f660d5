import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../errors.js';
import { sha256 } from './load.js';
import { cachePath, fetchPinnedSpecs, obtainPinnedSpec, readPinnedSpec, readTestSpec } from './materialize.js';
import type { SpecPin } from './pin.js';

const text = (published: string): string => `{"openapi":"3.0.1","info":{"title":"spec of ${published}"}}\n`;

function pinOf(published: string, body = text(published)): SpecPin {
  return {
    published,
    commit: 'c0ffee',
    url: `https://example.invalid/${published}/spec.json`,
    sha256: sha256(body),
  };
}

/** A repository root with a build pin (2026-04-22) and two test pins, and a folder laid out as MIRO_SPEC_DIR wants. */
async function scratch(): Promise<{ root: string; specDir: string; build: SpecPin; older: SpecPin }> {
  const root = await mkdtemp(join(tmpdir(), 'miro-spec-materialize-'));
  const build = pinOf('2026-04-22');
  const older = pinOf('2024-04-15');
  await mkdir(join(root, 'spec'));
  await writeFile(join(root, 'spec', 'pin.json'), JSON.stringify(build));
  await writeFile(join(root, 'spec', 'test-specs.json'), JSON.stringify([older, build]));
  const specDir = join(root, 'specs');
  await mkdir(specDir);
  for (const published of ['2024-04-15', '2026-04-22'])
    await writeFile(join(specDir, `miro-openapi-${published}.json`), text(published));
  return { root, specDir, build, older };
}

/** A fetch that serves the given URLs, counts its calls and fails (as with no network) for any other. */
function fakeFetch(served: Record<string, string>) {
  const calls: string[] = [];
  const impl = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const body = served[url];
    if (body === undefined) throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    return new Response(body);
  }) as typeof fetch;
  return { impl, calls };
}

describe('obtainPinnedSpec', () => {
  it('takes the file named miro-openapi-<published>.json from MIRO_SPEC_DIR, a relative folder read from the root', async () => {
    const { root, specDir, older } = await scratch();
    const network = fakeFetch({});
    const env = { MIRO_SPEC_DIR: relative(root, specDir) };
    const source = await obtainPinnedSpec(older, { root, env, fetch: network.impl });
    expect(source).toMatchObject({ location: join(specDir, 'miro-openapi-2024-04-15.json'), sha256: older.sha256 });
    // Kept in .spec-cache/ as well, where the next read (and the bench) finds it.
    expect(source.file).toBe(cachePath(root, older.sha256));
    expect(await readFile(source.file, 'utf8')).toBe(text('2024-04-15'));
    expect(network.calls).toEqual([]);
  });

  it('refuses a file in MIRO_SPEC_DIR with other bytes, naming it', async () => {
    const { root, specDir, older } = await scratch();
    await writeFile(join(specDir, 'miro-openapi-2024-04-15.json'), text('something else'));
    const failure = obtainPinnedSpec(older, { root, env: { MIRO_SPEC_DIR: specDir }, fetch: fakeFetch({}).impl });
    await expect(failure).rejects.toThrow(
      `${join(specDir, 'miro-openapi-2024-04-15.json')}: has sha256 ${sha256(text('something else'))}, but the pin of 2024-04-15 is ${older.sha256}`,
    );
  });

  it('fetches the pinned URL when no folder has it, keeps it in .spec-cache/, and reads it from there next time', async () => {
    const { root, older } = await scratch();
    const network = fakeFetch({ [older.url]: text('2024-04-15') });
    const first = await obtainPinnedSpec(older, { root, env: {}, fetch: network.impl });
    expect(first.file).toBe(cachePath(root, older.sha256));
    expect(await readFile(first.file, 'utf8')).toBe(text('2024-04-15'));
    const second = await obtainPinnedSpec(older, { root, env: {}, fetch: network.impl });
    expect(second.location).toBe(cachePath(root, older.sha256));
    expect(network.calls).toEqual([older.url]);
    expect(await readdir(join(root, '.spec-cache'))).toEqual([`${older.sha256}.json`]);
  });

  it('fetches again over a damaged cache file, and refuses a URL that answers other bytes', async () => {
    const { root, older } = await scratch();
    await mkdir(join(root, '.spec-cache'));
    await writeFile(cachePath(root, older.sha256), 'half a fi');
    const good = fakeFetch({ [older.url]: text('2024-04-15') });
    await expect(obtainPinnedSpec(older, { root, env: {}, fetch: good.impl })).resolves.toMatchObject({
      sha256: older.sha256,
    });
    expect(good.calls).toHaveLength(1);
    const other = await scratch();
    const wrong = fakeFetch({ [other.older.url]: 'not it' });
    await expect(obtainPinnedSpec(other.older, { root: other.root, env: {}, fetch: wrong.impl })).rejects.toThrow(
      `${other.older.url}: answered bytes with sha256 ${sha256('not it')}, not the pinned ${other.older.sha256}`,
    );
  });

  it('fails with one line naming the file and how to get it when nothing has it', async () => {
    const { root, specDir, older } = await scratch();
    const empty = join(specDir, 'empty');
    await mkdir(empty);
    const error = await obtainPinnedSpec(older, {
      root,
      env: { MIRO_SPEC_DIR: empty },
      fetch: fakeFetch({}).impl,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(await readdir(root)).not.toContain('.spec-cache');
    expect(message).toMatch(
      /^miro-openapi-2024-04-15\.json \(Miro's spec of 2024-04-15, sha256 [0-9a-f]{12}…\) is not available: /,
    );
    expect(message).toContain(`not in MIRO_SPEC_DIR (${join(empty, 'miro-openapi-2024-04-15.json')})`);
    expect(message).toContain('not in .spec-cache/');
    expect(message).toContain(`${older.url}: could not fetch the spec: fetch failed (ENOTFOUND)`);
    expect(message).toContain('Run `pnpm spec:fetch`');
    expect(message).toContain('or set MIRO_SPEC_DIR to a folder that holds miro-openapi-2024-04-15.json.');
  });
});

describe('the build pin and the test pins', () => {
  it('reads the build spec from MIRO_SPEC_SOURCE relative to the root, as the README has users type it', async () => {
    const { root, specDir, build } = await scratch();
    const env = { MIRO_SPEC_SOURCE: 'specs/miro-openapi-2026-04-22.json' };
    await expect(readPinnedSpec(root, env)).resolves.toMatchObject({
      file: join(specDir, 'miro-openapi-2026-04-22.json'),
      sha256: build.sha256,
    });
  });

  it('serves a test version from MIRO_SPEC_SOURCE only when it is the build version', async () => {
    const { root, specDir } = await scratch();
    const env = { MIRO_SPEC_SOURCE: join(specDir, 'miro-openapi-2026-04-22.json') };
    await expect(readTestSpec(root, '2026-04-22', env)).resolves.toMatchObject({ file: env.MIRO_SPEC_SOURCE });
    // 2024-04-15 is not the build's: MIRO_SPEC_SOURCE does not apply, the cache is empty, the pinned URL is unreachable.
    await expect(readTestSpec(root, '2024-04-15', env)).rejects.toThrow(
      /miro-openapi-2024-04-15\.json .* is not available/,
    );
    await expect(readTestSpec(root, '2020-01-01', env)).rejects.toThrow('no spec published on 2020-01-01 is pinned');
  });

  it('spec:fetch caches the build spec and every test spec, and reports the ones it could not get', async () => {
    const { root, specDir, build, older } = await scratch();
    await writeFile(join(specDir, 'miro-openapi-2024-04-15.json'), 'damaged');
    const outcomes = await fetchPinnedSpecs(root, { MIRO_SPEC_DIR: specDir });
    expect(outcomes.map((o) => [o.pin.published, o.cached])).toEqual([
      ['2026-04-22', cachePath(root, build.sha256)],
      ['2024-04-15', null],
    ]);
    expect(outcomes[1]!.note).toContain('miro-openapi-2024-04-15.json: has sha256');
    expect(await readFile(cachePath(root, build.sha256), 'utf8')).toBe(text('2026-04-22'));
    expect(older.sha256).not.toBe(build.sha256);
  });
});
