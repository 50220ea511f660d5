import { startMockServer, type MockServer, type MockServerOptions } from '@miro/mock';

export interface ApiMocks {
  readonly mock: MockServer;
  /** Answers after SLOW_MS: what the scenario's timeout runs into. */
  readonly slow: MockServer;
  readonly accessToken: string;
  close(): Promise<void>;
}

const SLOW_MS = 5_000;

/** The mock the API scenario talks to, and a slow one for its timeout, both accepting one token. */
export async function startApiMocks(accessToken = 'runtime-smoke-token'): Promise<ApiMocks> {
  const options: MockServerOptions = { staticTokens: [accessToken] };
  const mock = await startMockServer(options);
  const slow = await startMockServer({ ...options, latencyMs: SLOW_MS });
  return {
    mock,
    slow,
    accessToken,
    close: async () => {
      await Promise.all([mock.close(), slow.close()]);
    },
  };
}

/** The mock the auth scenario talks to: approves at once, and issues tokens that expire inside `Miro`'s refresh margin. */
export function startAuthMock(): Promise<MockServer> {
  return startMockServer({ autoApprove: true, accessTokenTtlSeconds: 30 });
}
