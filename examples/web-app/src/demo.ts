import { MiroApi } from '@miro/api';
import { DEMO_CLIENT, startMockServer, type MockServer } from '@miro/mock';
import { loadConfig, miroAppFromEnv, parsePort, type Env, type MiroAppSettings } from './config.js';
import { startWebApp, type RunningWebApp } from './server.js';
import { openTokenStore } from './token-store.js';
import type { WebAppLogger } from './app.js';

export const DEFAULT_SAMPLE_BOARDS = 12;

export interface DemoOptions {
  readonly env: Env;
  /** Overrides PORT; with the mock and no PORT, 3000 (or a free port when 3000 is taken). */
  readonly port?: number;
  /** Port of the mock; default MOCK_PORT, else a free one. */
  readonly mockPort?: number;
  /** Boards the mock starts with, so that paging shows; default 12. */
  readonly sampleBoards?: number;
  readonly logger?: WebAppLogger;
}

export interface Demo {
  readonly app: RunningWebApp;
  /** Present when the demo runs against the simulated Miro. */
  readonly mock: MockServer | undefined;
  readonly tokenStore: string;
  readonly sampleBoards: number;
  close(): Promise<void>;
}

/** The mock's demo app: its client id and secret are public, its API and authorize page local. */
export function mockMiroApp(mock: MockServer): MiroAppSettings {
  return {
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    apiBaseUrl: mock.url,
    authorizeUrl: `${mock.url}/oauth/authorize`,
  };
}

async function seedBoards(mock: MockServer, count: number): Promise<void> {
  const { accessToken } = mock.simulation.issueToken();
  const api = new MiroApi({ accessToken, baseUrl: mock.url });
  for (let i = 1; i <= count; i++) {
    await api.createBoard({ name: `Sample board ${String(i).padStart(2, '0')}`, description: 'Made by the demo' });
  }
}

/** The port of the redirect URL, so a real Miro app's callback reaches this server. */
function redirectPort(miroApp: MiroAppSettings): number | undefined {
  if (!miroApp.redirectUrl) return undefined;
  const url = new URL(miroApp.redirectUrl);
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}

/**
 * The web app wired to Miro: the real one when MIRO_CLIENT_ID, MIRO_CLIENT_SECRET and
 * MIRO_REDIRECT_URL are set, else a simulated Miro (`@miro/mock`) started here, with its demo
 * client, so the whole flow works without credentials.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { env } = options;
  const config = loadConfig(env);
  const real = miroAppFromEnv(env);
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    let mock: MockServer | undefined;
    let miroApp: MiroAppSettings;
    const sampleBoards = real ? 0 : (options.sampleBoards ?? DEFAULT_SAMPLE_BOARDS);
    if (real) {
      miroApp = real;
    } else {
      mock = await startMockServer({ port: options.mockPort ?? parsePort(env.MOCK_PORT, 'MOCK_PORT') ?? 0 });
      closers.push(mock.close);
      await seedBoards(mock, sampleBoards);
      miroApp = mockMiroApp(mock);
    }
    const store = await openTokenStore(config.tokenStore, config.tokenEncryptionKey);
    closers.push(store.close);
    const explicitPort = options.port ?? parsePort(env.PORT);
    const start = (port: number) =>
      startWebApp({
        miroApp,
        storage: store.storage,
        sessionSecret: config.sessionSecret,
        port,
        host: config.host,
        trustProxy: config.trustProxy,
        // Against the mock everything is a local test setup; a real Miro app's URLs are checked.
        allowInsecureUrls: !real,
        ...(options.logger ? { logger: options.logger } : {}),
      });
    let app: RunningWebApp;
    if (explicitPort !== undefined) app = await start(explicitPort);
    else if (real) app = await start(redirectPort(real) ?? config.port);
    else
      app = await start(config.port).catch((error: unknown) =>
        isAddressInUse(error) ? start(0) : Promise.reject(error),
      );
    closers.push(app.close);
    return { app, mock, tokenStore: store.description, sampleBoards, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
