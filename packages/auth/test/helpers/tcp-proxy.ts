import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy to a real server, so a test can take "the server" away (stop: refuse new
 * connections and cut open ones) and bring it back on the same port, silence it without closing
 * anything (a machine gone from the network), or cut the connection right after a given command
 * went through (its answer is lost), without touching the server.
 */
export interface TcpProxy {
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops forwarding in both directions; connections stay open and silent. */
  silence(): void;
  /**
   * Arms a cut: the next client data containing `marker` is forwarded, then the proxy stops
   * (that connection and every other is cut, new ones refused) until `start()`. Resolves when it
   * has cut.
   */
  cutAfter(marker: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let silent = false;
  let armed: { marker: Buffer; cut: () => void } | undefined;

  const stop = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const listen = async () => {
    silent = false;
    const s = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          if (silent) return;
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        if (silent) return;
        const trigger = armed && chunk.includes(armed.marker) ? armed : undefined;
        if (!trigger) return void upstream.write(chunk);
        armed = undefined;
        // Forwarded whole, then cut as soon as it has left: the server acts on it, the client never hears.
        upstream.write(chunk, () => {
          void stop().then(trigger.cut);
        });
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!silent) client.write(chunk);
      });
      // A silenced link passes nothing on, not even a close: the far side hears nothing at all.
      client.on('end', () => silent || upstream.end());
      upstream.on('end', () => silent || client.end());
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    stop,
    start: listen,
    silence: () => {
      silent = true;
    },
    cutAfter: (marker) =>
      new Promise<void>((resolve) => {
        armed = { marker: Buffer.isBuffer(marker) ? marker : Buffer.from(marker), cut: resolve };
      }),
    close: stop,
  };
}
