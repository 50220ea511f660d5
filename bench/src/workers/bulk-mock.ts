// The bulk benchmark's server: @miro/mock over HTTP with latency and the credit budget enforced,
// on a clock that may run faster than real time. One fresh server per run.
import { DEMO_CLIENT, startMockServer } from '@miro/mock';
import type { BulkMockInput, BulkMockReady, BulkMockStats } from './lib/bulk-protocol.js';
import { scaledNow } from './lib/scaled-clock.js';

const input = JSON.parse(process.argv[2] ?? '{}') as BulkMockInput;
const epoch = Date.now();
// The board is made by another app, so that its credits do not start the measured budget window.
const SETUP_CLIENT = { clientId: 'bench-setup', clientSecret: 'bench-setup-secret' };
const server = await startMockServer({
  latencyMs: input.latencyMs,
  budget: { limit: input.limit, windowMs: input.windowMs },
  now: scaledNow(epoch, input.timeScale),
  clients: [DEMO_CLIENT, SETUP_CLIENT],
});
const { accessToken } = server.simulation.issueToken({
  clientId: DEMO_CLIENT.clientId,
  expiresInSeconds: 10 * 24 * 3600,
});
const setup = server.simulation.issueToken({ clientId: SETUP_CLIENT.clientId, expiresInSeconds: 10 * 24 * 3600 });
const response = await fetch(`${server.url}/v2/boards`, {
  method: 'POST',
  headers: { authorization: `Bearer ${setup.accessToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Bulk benchmark' }),
});
if (!response.ok)
  throw new Error(`bulk mock: creating the board failed with ${response.status}: ${await response.text()}`);
const boardId = ((await response.json()) as { id: string }).id;
const setupRequests = server.simulation.state.requests.length;

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stats') return;
  const log = server.simulation.state.requests.slice(setupRequests);
  const stats: BulkMockStats = {
    rateLimited: server.simulation.state.counters.rateLimited,
    apiRequests: server.simulation.state.counters.apiRequests,
    creditsCharged: log.reduce((sum, entry) => sum + entry.credits, 0),
    itemsOnBoard: server.simulation.state.itemCount(boardId),
  };
  process.send?.(stats);
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
const ready: BulkMockReady = { url: server.url, accessToken, boardId, epoch };
process.send?.(ready);
