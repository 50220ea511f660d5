// The smoke scenario of @miro/api, written against web APIs only, so that it runs as it is on
// Deno, Bun and in a browser. It returns what it saw; the tests compare that across runtimes.
import { MiroApi, MiroApiError, MiroNotFoundError, MiroTimeoutError, VERSION, type ApiResponse } from '@miro/api';

export interface ApiSmokeEnv {
  /** The mock server, answering CORS. */
  readonly baseUrl: string;
  /** A mock server that answers every request only after several seconds. */
  readonly slowBaseUrl: string;
  readonly accessToken: string;
}

export interface ApiSmokeReport {
  readonly version: string;
  readonly boardName: string;
  readonly itemsCreated: number;
  readonly itemsIterated: number;
  readonly iteratedInCreationOrder: boolean;
  readonly pages: number;
  readonly uploads: readonly { readonly type: string; readonly title: string; readonly bytesBack: readonly number[] }[];
  readonly notFound: {
    readonly isNotFoundError: boolean;
    readonly isApiError: boolean;
    readonly status: number;
    readonly code: string;
  };
  readonly withResponse: {
    readonly status: number;
    readonly name: string;
    readonly limit: number | undefined;
    readonly remainingBelowLimit: boolean;
    readonly resetAtIsDate: boolean;
  };
  readonly timeout: { readonly isTimeoutError: boolean; readonly name: string };
}

const FILE_BYTES = [137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4];

async function download(url: string, accessToken: string): Promise<number[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return [...new Uint8Array(await response.arrayBuffer())];
}

function streamOf(bytes: readonly number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes.slice(0, 5)));
      controller.enqueue(new Uint8Array(bytes.slice(5)));
      controller.close();
    },
  });
}

export async function runApiSmoke(env: ApiSmokeEnv): Promise<ApiSmokeReport> {
  const api = new MiroApi({ accessToken: env.accessToken, baseUrl: env.baseUrl, maxRetries: 0 });
  const board = await api.createBoard({ name: 'Runtime smoke', description: 'made by tests/runtimes' });

  const created: string[] = [];
  for (let i = 0; i < 12; i++) {
    const note = await api.createStickyNoteItem(board.id, {
      data: { content: `Note ${i + 1}` },
      position: { x: (i % 4) * 250, y: Math.floor(i / 4) * 250 },
    });
    created.push(note.id);
  }

  // Uploads from the three kinds of source a browser has: a Blob, bytes, a web stream.
  const uploads = [];
  const fromBlob = await api.createImageItemUsingLocalFile(board.id, {
    resource: new Blob([new Uint8Array(FILE_BYTES)], { type: 'image/png' }),
    data: { title: 'From a Blob', position: { x: -300, y: 0 } },
  });
  const fromBytes = await api.createImageItemUsingLocalFile(board.id, {
    resource: { data: new Uint8Array(FILE_BYTES), filename: 'bytes.png', contentType: 'image/png' },
  });
  const fromStream = await api.createDocumentItemUsingFileFromDevice(board.id, {
    resource: { data: streamOf(FILE_BYTES), filename: 'notes.pdf', contentType: 'application/pdf' },
    data: { title: 'From a stream' },
  });
  for (const item of [fromBlob, fromBytes, fromStream]) {
    created.push(item.id);
    const data: { imageUrl?: string; documentUrl?: string } = item.data ?? {};
    const url = data.imageUrl ?? data.documentUrl ?? '';
    uploads.push({
      type: item.type ?? '',
      title: item.data?.title ?? '',
      bytesBack: await download(url, env.accessToken),
    });
  }

  const iterated: string[] = [];
  for await (const item of api.getItems(board.id, { limit: '10' })) iterated.push(item.id);
  let pages = 0;
  for await (const _page of api.getItems(board.id, { limit: '10' }).pages()) pages += 1;

  let notFound: ApiSmokeReport['notFound'] = { isNotFoundError: false, isApiError: false, status: 0, code: '' };
  try {
    await api.getSpecificBoard('uXjVmissing0=');
  } catch (error) {
    if (!(error instanceof MiroApiError)) throw error;
    notFound = {
      isNotFoundError: error instanceof MiroNotFoundError,
      isApiError: true,
      status: error.status ?? 0,
      code: error.code ?? '',
    };
  }

  const { data, response } = await api.getSpecificBoard(board.id).withResponse();
  const rate: ApiResponse['rateLimit'] = response.rateLimit;

  const slow = new MiroApi({ accessToken: env.accessToken, baseUrl: env.slowBaseUrl, timeoutMs: 300, maxRetries: 0 });
  let timeout = { isTimeoutError: false, name: 'no error' };
  try {
    await slow.getBoards();
  } catch (error) {
    timeout = {
      isTimeoutError: error instanceof MiroTimeoutError,
      name: error instanceof Error ? error.name : String(error),
    };
  }

  return {
    version: VERSION,
    boardName: board.name ?? '',
    itemsCreated: created.length,
    itemsIterated: iterated.length,
    iteratedInCreationOrder: iterated.join() === created.join(),
    pages,
    uploads,
    notFound,
    withResponse: {
      status: response.status,
      name: data.name ?? '',
      limit: rate.limit,
      remainingBelowLimit: rate.remaining !== undefined && rate.limit !== undefined && rate.remaining < rate.limit,
      resetAtIsDate: rate.resetAt instanceof Date,
    },
    timeout,
  };
}
