// A client process built from one spec version: imports the bundled generated client, makes one
// call (answered by a canned fetch, so only the client's own memory counts), reports peak RSS.
// argv[2]: the bundle's path.
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('client-memory: pass the bundle path');
const started = performance.now();
const { MiroApi } = (await import(pathToFileURL(bundle).href)) as {
  MiroApi: new (options: object) => { getSpecificBoard(id: string): Promise<{ name?: string }> };
};
const importMs = performance.now() - started;
const board = JSON.stringify({ id: 'uXjVOBench=', type: 'board', name: 'Memory' });
const api = new MiroApi({
  accessToken: 'bench-token',
  budget: false,
  fetch: async () => new Response(board, { status: 200, headers: { 'content-type': 'application/json' } }),
});
const { name } = await api.getSpecificBoard('uXjVOBench=');
if (name !== 'Memory') throw new Error(`client-memory: unexpected answer ${String(name)}`);
process.stdout.write(`${JSON.stringify({ importMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
