// The bulk and distributed benchmarks' server: @miro/mock over HTTP with latency and the credit
// budget enforced, on a clock that may run faster than real time. One fresh server per run.
import { DEMO_CLIENT, startMockServer } from '@miro/mock';
import type { BulkMockInput, BulkMockReady, BulkMockStats } from './lib/bulk-protocol.js';
import { scaledNow } from './lib/scaled-clock.js';

const input = JSON.parse(process.argv[2] ?? '{}') as BulkMockInput;
const epoch = Date.now();
// The boards are made by another app, so that their credits do not start the measured budget window.
const SETUP_CLIENT = { clientId: 'bench-setup', clientSecret: 'bench-setup-secret' };
const server = await startMockServer({
  latencyMs: input.latencyMs,
  budget: { limit: input.limit, windowMs: input.windowMs },
  now: scaledNow(epoch, input.timeScale),
  clients: [DEMO_CLIENT, SETUP_CLIENT],
});
const { accessToken, refreshToken } = server.simulation.issueToken({
  clientId: DEMO_CLIENT.clientId,
  expiresInSeconds: 10 * 24 * 3600,
});
if (!refreshToken) throw new Error('bulk mock: the simulation issued no refresh token');
const setup = server.simulation.issueToken({ clientId: SETUP_CLIENT.clientId, expiresInSeconds: 10 * 24 * 3600 });
const boardIds: string[] = [];
for (let n = 0; n < input.boards; n++) {
  const response = await fetch(`${server.url}/v2/boards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bulk benchmark ${n + 1}` }),
  });
  if (!response.ok)
    throw new Error(`bulk mock: creating a board failed with ${response.status}: ${await response.text()}`);
  boardIds.push(((await response.json()) as { id: string }).id);
}
const setupRequests = server.simulation.state.counters.apiRequests;

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stats') return;
  const { counters } = server.simulation.state;
  const stats: BulkMockStats = {
    rateLimited: counters.rateLimited,
    apiRequests: counters.apiRequests - setupRequests,
    itemsOnBoards: boardIds.map((id) => server.simulation.state.itemCount(id)),
    refreshes: counters.refreshes,
  };
  process.send?.(stats);
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
const ready: BulkMockReady = {
  url: server.url,
  clientId: DEMO_CLIENT.clientId,
  clientSecret: DEMO_CLIENT.clientSecret,
  accessToken,
  refreshToken,
  boardIds,
  epoch,
};
process.send?.(ready);
