import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../test/diff-fixtures/load.js';
import { REPO_ROOT } from './pipeline.js';
import { sha256 } from './spec/load.js';
import { main, specUpdate } from './update.js';

afterEach(() => void vi.unstubAllEnvs());

interface Repo {
  readonly root: string;
  readonly oldSpec: string;
  readonly newSpec: string;
}

/** A scratch repository root: the real overlays (or given ones), a pin on the fixture's old spec, `.changeset/`. */
async function repoFor(fixture: string, overlays?: Record<string, string>): Promise<Repo> {
  const root = await mkdtemp(join(tmpdir(), 'miro-spec-update-'));
  const { old, new: next } = await loadFixture(fixture);
  await mkdir(join(root, 'specs'));
  const oldSpec = join(root, 'specs', 'old.json');
  const newSpec = join(root, 'specs', 'new-2026-05-01.json');
  await writeFile(oldSpec, JSON.stringify(old, null, 2));
  await writeFile(newSpec, JSON.stringify(next, null, 2));
  await mkdir(join(root, 'spec', 'overlays'), { recursive: true });
  if (overlays)
    for (const [name, text] of Object.entries(overlays)) await writeFile(join(root, 'spec', 'overlays', name), text);
  else await cp(join(REPO_ROOT, 'spec', 'overlays'), join(root, 'spec', 'overlays'), { recursive: true });
  const pin = {
    published: '2026-01-01',
    commit: 'abc1234',
    url: 'https://example.invalid/specs/old.json',
    sha256: sha256(await readFile(oldSpec, 'utf8')),
  };
  await writeFile(join(root, 'spec', 'pin.json'), `${JSON.stringify(pin, null, 2)}\n`);
  await mkdir(join(root, '.changeset'));
  await writeFile(join(root, '.changeset', 'config.json'), '{}\n');
  return { root, oldSpec, newSpec };
}

/** A public address for a local file (what `--url` gives in real use). */
const NEW_URL = 'https://example.invalid/specs/new-2026-05-01.json';

/** Every file under `dir` with its content hash and modification time. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const [text, info] = await Promise.all([readFile(path), stat(path)]);
    out[relative(dir, path)] = `${createHash('sha256').update(text).digest('hex')} ${info.mtimeMs}`;
  }
  return out;
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

describe('spec:update', () => {
  it('regenerates, re-pins and writes a changeset with the bump the diff implies', async () => {
    const repo = await repoFor('operation-added');
    const result = await specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url: NEW_URL });
    expect(result.diff.bump).toBe('minor');
    expect(await readJson(join(repo.root, 'spec', 'pin.json'))).toEqual({
      published: '2026-05-01',
      commit: 'unknown',
      url: NEW_URL,
      sha256: sha256(await readFile(repo.newSpec, 'utf8')),
    });
    const changeset = await readFile(join(repo.root, '.changeset', 'spec-2026-05-01.md'), 'utf8');
    expect(changeset.startsWith('---\n"@miro/api": minor\n---\n\n')).toBe(true);
    expect(changeset).toContain('- `listThings`: `GET /v2/things`');
    expect(await readFile(join(repo.root, 'packages', 'api', 'src', 'generated', 'client.gen.ts'), 'utf8')).toContain(
      'listThings(',
    );
    expect(await readdir(join(repo.root, 'packages', 'mock', 'src', 'generated'))).toContain('operations.gen.ts');
    expect(result.report).toContain('bump for @miro/api: minor');
  });

  it('classifies a breaking change as major in the changeset', async () => {
    const repo = await repoFor('query-parameter-added-required');
    await specUpdate({
      source: repo.newSpec,
      from: repo.oldSpec,
      root: repo.root,
      url: NEW_URL,
      published: '2026-06-30',
      name: 'miro-spec',
    });
    const changeset = await readFile(join(repo.root, '.changeset', 'miro-spec.md'), 'utf8');
    expect(changeset).toContain('"@miro/api": major');
    expect(changeset).toContain('- `getThing query.fields`: new required parameter');
    expect(((await readJson(join(repo.root, 'spec', 'pin.json'))) as { published: string }).published).toBe(
      '2026-06-30',
    );
  });

  it('--dry-run prints the report and changes no file', async () => {
    const repo = await repoFor('response-field-removed');
    const before = await snapshot(repo.root);
    const result = await specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, dryRun: true });
    expect(await snapshot(repo.root)).toEqual(before);
    expect(result.written).toEqual([]);
    expect(result.diff.bump).toBe('major');
    expect(result.report).toContain('Dry run: nothing written.');
    expect(result.report).toContain('`Thing.name`: optional field removed');
  });

  it('diffs against the pinned spec read through MIRO_SPEC_SOURCE when there is no --from', async () => {
    const repo = await repoFor('response-field-added');
    vi.stubEnv('MIRO_SPEC_SOURCE', repo.oldSpec);
    const result = await specUpdate({ source: repo.newSpec, root: repo.root, url: NEW_URL, dryRun: true });
    expect(result.diff.changes.map((c) => c.where)).toEqual(['Thing.createdAt']);
    expect(result.warnings).toEqual([]);
  });

  it('refuses to diff against a default source that is not the pinned spec, pointing at --from', async () => {
    const repo = await repoFor('response-field-added');
    vi.stubEnv('MIRO_SPEC_SOURCE', repo.newSpec);
    await expect(specUpdate({ source: repo.newSpec, root: repo.root })).rejects.toThrow(
      /cannot read the pinned spec.*--from/s,
    );
    expect(await readdir(join(repo.root, '.changeset'))).toEqual(['config.json']);
  });

  it('warns when --from is not the pinned spec, and diffs against it anyway', async () => {
    const repo = await repoFor('response-field-added');
    const other = join(repo.root, 'specs', 'other.json');
    await writeFile(other, `${await readFile(repo.oldSpec, 'utf8')}\n`);
    const result = await specUpdate({ source: repo.newSpec, from: other, root: repo.root, url: NEW_URL, dryRun: true });
    expect(result.warnings).toEqual([expect.stringMatching(/is not the pinned spec/)]);
    expect(result.report).toContain('warning: --from');
  });

  it("takes the commit from a raw.githubusercontent.com URL of Miro's api-clients and refuses a contradicting --commit", async () => {
    const repo = await repoFor('operation-added');
    const commit = '3a2506b647611ee729a55b4d99e5d0dc71cc694c';
    const url = `https://raw.githubusercontent.com/miroapp/api-clients/${commit}/packages/generator/spec.json`;
    const result = await specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url, dryRun: true });
    expect(result.pin).toMatchObject({ url, commit, published: '2026-05-01' });
    await expect(
      specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url, commit: 'deadbeef', dryRun: true }),
    ).rejects.toThrow(/--commit deadbeef contradicts the commit in the URL/);
  });

  it('fetches a URL once and pins that URL', async () => {
    const repo = await repoFor('operation-added');
    const body = await readFile(repo.newSpec, 'utf8');
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/spec.json`;
      const result = await specUpdate({
        source: url,
        from: repo.oldSpec,
        root: repo.root,
        published: '2026-05-02',
        commit: 'feedface',
      });
      expect(requests).toBe(1);
      expect(result.pin).toEqual({ published: '2026-05-02', commit: 'feedface', url, sha256: sha256(body) });
      expect(result.changesetFile).toBe(join(repo.root, '.changeset', 'spec-2026-05-02.md'));
    } finally {
      server.close();
    }
  });

  it('names the URL, not its temporary copy, when the fetched spec is not valid', async () => {
    const repo = await repoFor('operation-added');
    const server = createServer((_req, res) => void res.writeHead(200).end('{ "openapi": '));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/broken.json`;
      const failure = specUpdate({ source: url, from: repo.oldSpec, root: repo.root });
      await expect(failure).rejects.toThrow(`${url}: invalid JSON`);
    } finally {
      server.close();
    }
  });

  it("pins today's date (from the injected clock) when neither --published nor the file name gives one, and says so", async () => {
    const repo = await repoFor('operation-added');
    const undated = join(repo.root, 'specs', 'spec.json');
    await writeFile(undated, await readFile(repo.newSpec, 'utf8'));
    const result = await specUpdate({
      source: undated,
      from: repo.oldSpec,
      root: repo.root,
      url: NEW_URL,
      dryRun: true,
      now: () => new Date('2026-07-04T23:30:00Z'),
    });
    expect(result.pin.published).toBe('2026-07-04');
    expect(result.warnings).toEqual([
      'no --published and no date in the file name: pinned as published 2026-07-04 (today)',
    ]);
  });

  it('says which overlay action no longer applies to the new spec', async () => {
    const overlay = [
      'overlay: 1.0.0',
      'info: { title: test, version: 1.0.0 }',
      'actions:',
      "  - target: $.paths['/v2/things']",
      '    update: { description: listed }',
      "  - target: $.paths['/v2/things/{thing_id}']",
      '    update: { description: one }',
    ].join('\n');
    const repo = await repoFor('operation-removed', { '10-test.yaml': overlay });
    const result = await specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, dryRun: true });
    expect(result.overlays).toEqual([
      { overlay: '10-test.yaml', target: "$.paths['/v2/things']", status: 'no longer applies' },
    ]);
    expect(result.report).toContain("overlay 10-test.yaml: action on $.paths['/v2/things'] no longer applies");
  });

  it('does nothing when the new spec is the pinned one', async () => {
    const repo = await repoFor('operation-added');
    const before = await snapshot(repo.root);
    const result = await specUpdate({ source: repo.oldSpec, from: repo.oldSpec, root: repo.root });
    expect(result.upToDate).toBe(true);
    expect(result.report).toContain('nothing to do');
    expect(await snapshot(repo.root)).toEqual(before);
  });

  it('never overwrites a changeset: a taken name gets the hash of the spec', async () => {
    const repo = await repoFor('operation-added');
    await writeFile(join(repo.root, '.changeset', 'spec-2026-05-01.md'), 'someone else\n');
    const result = await specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url: NEW_URL });
    const hash = sha256(await readFile(repo.newSpec, 'utf8')).slice(0, 8);
    expect(result.changesetFile).toBe(join(repo.root, '.changeset', `spec-2026-05-01-${hash}.md`));
    expect(await readFile(join(repo.root, '.changeset', 'spec-2026-05-01.md'), 'utf8')).toBe('someone else\n');
  });

  it('names the old spec when its IR cannot be built, and writes nothing', async () => {
    const repo = await repoFor('operation-added');
    const broken = (await loadFixture('operation-added')).new as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    broken.paths['/v2/things']!.get!.operationId = 'getThing'; // same method name as get-thing
    await writeFile(repo.oldSpec, JSON.stringify(broken));
    const before = await snapshot(repo.root);
    await expect(specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root })).rejects.toThrow(
      `${repo.oldSpec}: the old spec's IR cannot be built: at /paths/~1v2~1things/get: operationId "getThing" gives method name "getThing"`,
    );
    expect(await snapshot(repo.root)).toEqual(before);
  });

  it('never pins a path of this machine: a local file without --url writes nothing and says to pass one', async () => {
    const repo = await repoFor('operation-added');
    const before = await snapshot(repo.root);
    await expect(specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root })).rejects.toThrow(
      `${repo.newSpec} is a local file: pass --url with the public address`,
    );
    await expect(
      specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url: repo.newSpec }),
    ).rejects.toThrow('--url must be an http(s) URL anyone can fetch');
    expect(await snapshot(repo.root)).toEqual(before);
  });

  it('pins the URL, commit and date that spec/test-specs.json gives a local file with the same bytes', async () => {
    const repo = await repoFor('operation-added');
    const undated = join(repo.root, 'specs', 'downloaded.json');
    await writeFile(undated, await readFile(repo.newSpec, 'utf8'));
    const commit = 'aaaabbbbccccddddeeeeffff0000111122223333';
    const url = `https://raw.githubusercontent.com/miroapp/api-clients/${commit}/packages/generator/spec.json`;
    const known = { published: '2026-05-03', commit, url, sha256: sha256(await readFile(undated, 'utf8')) };
    await writeFile(join(repo.root, 'spec', 'test-specs.json'), JSON.stringify([known]));
    const result = await specUpdate({ source: undated, from: repo.oldSpec, root: repo.root });
    expect(result.pin).toEqual(known);
    expect(result.warnings).toEqual([]);
    expect(await readJson(join(repo.root, 'spec', 'pin.json'))).toEqual(known);
  });

  it('refuses a publication date that is not YYYY-MM-DD', async () => {
    const repo = await repoFor('operation-added');
    await expect(
      specUpdate({ source: repo.newSpec, from: repo.oldSpec, root: repo.root, url: NEW_URL, published: '2026-02-30' }),
    ).rejects.toThrow(/--published must be a date/);
  });
});

describe('the miro-spec-update command', () => {
  const io = (): { out: string[]; err: string[]; stdout: (t: string) => void; stderr: (t: string) => void } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  };

  it('needs exactly one spec', async () => {
    const streams = io();
    expect(await main([], streams)).toBe(2);
    expect(streams.err.join('')).toContain('expected one spec');
  });

  it('resolves a relative spec path from where pnpm was run, and prints the report', async () => {
    const repo = await repoFor('operation-added');
    vi.stubEnv('INIT_CWD', join(repo.root, 'specs'));
    const streams = io();
    expect(await main(['new-2026-05-01.json', '--from', 'old.json', '--root', repo.root, '--dry-run'], streams)).toBe(
      0,
    );
    const report = streams.out.join('');
    expect(report).toContain('new: 2026-05-01 sha256');
    expect(report).toContain(`warning: ${join(repo.root, 'specs', 'new-2026-05-01.json')} is a local file: pass --url`);
    expect(report).toContain('"url":"(none: pass --url)"');
  });

  it('asks for the public URL of a local file in a terminal, and pins the answer', async () => {
    const repo = await repoFor('operation-added');
    const questions: string[] = [];
    const streams = { ...io(), ask: async (question: string) => (questions.push(question), ` ${NEW_URL}\n`) };
    expect(await main([repo.newSpec, '--from', repo.oldSpec, '--root', repo.root], streams)).toBe(0);
    expect(questions).toEqual([expect.stringContaining(`${repo.newSpec} is a local file`)]);
    expect(await readJson(join(repo.root, 'spec', 'pin.json'))).toMatchObject({ url: NEW_URL });
  });

  it('refuses an answer that is not an http(s) URL, and writes nothing', async () => {
    const repo = await repoFor('operation-added');
    const before = await snapshot(repo.root);
    const streams = { ...io(), ask: async () => repo.newSpec };
    expect(await main([repo.newSpec, '--from', repo.oldSpec, '--root', repo.root], streams)).toBe(1);
    expect(streams.err.join('')).toMatch(/--url must be an http\(s\) URL anyone can fetch[\s\S]*Nothing was written\./);
    expect(await snapshot(repo.root)).toEqual(before);
  });

  it('exits 1 with the reason when the spec is missing', async () => {
    const repo = await repoFor('operation-added');
    const streams = io();
    expect(await main([join(repo.root, 'nope.json'), '--from', repo.oldSpec, '--root', repo.root], streams)).toBe(1);
    expect(streams.err.join('')).toMatch(/nope\.json: no such file\nNothing was written\./);
  });
});
