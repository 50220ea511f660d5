// The CPU benchmark's server: canned Miro-shaped answers, so that the client process does all the
// varying work. Sends Miro's rate-limit headers with a budget that never runs out.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { board, itemPage, stickyNote } from './lib/fixtures.js';

const server = createServer();
const address = await new Promise<AddressInfo>((resolve) =>
  server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo)),
);
const baseUrl = `http://127.0.0.1:${address.port}`;
const bodies = {
  board: JSON.stringify(board(baseUrl)),
  page: JSON.stringify(itemPage(baseUrl, 50)),
  created: JSON.stringify(stickyNote(baseUrl, 7)),
};
const LIMIT = 1_000_000_000;
let served = 0;

server.on('request', (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    served++;
    const path = (req.url ?? '').split('?')[0] ?? '';
    let status = 200;
    let body: string;
    if (req.method === 'GET' && path.endsWith('/items')) body = bodies.page;
    else if (req.method === 'GET' && path.startsWith('/v2/boards/')) body = bodies.board;
    else if (req.method === 'POST' && path.endsWith('/sticky_notes')) {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      status = 201;
      body = bodies.created;
    } else {
      status = 404;
      body = JSON.stringify({
        status: 404,
        code: 'notFound',
        message: `no route ${req.method} ${path}`,
        type: 'error',
      });
    }
    res.writeHead(status, {
      'content-type': 'application/json;charset=UTF-8',
      'content-length': Buffer.byteLength(body),
      'x-ratelimit-limit': String(LIMIT),
      'x-ratelimit-remaining': String(LIMIT - (served % 1000) * 50),
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
    });
    res.end(body);
  });
});

process.on('message', (message: { type?: string }) => {
  if (message.type === 'served') process.send?.({ served });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.send?.({ url: baseUrl });
