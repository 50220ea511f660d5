import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR } from '../paths.js';
import type { BundleFigures, BundleResults } from '../results.js';
import { ratio } from '../stats.js';

/** The same one-call app for each client: get one board, print its name. */
export const ONE_CALL_APPS = {
  ours: (tokenExpression: string) => `import { MiroApi } from '@miro/api';
const api = new MiroApi(${tokenExpression});
const board = await api.getSpecificBoard('uXjVOBoard=');
console.log(board.name);
`,
  // The low-level class is the official client's one-method-per-operation API, like ours.
  official: (tokenExpression: string) => `import { MiroLowlevelApi } from '@mirohq/miro-api';
const api = new MiroLowlevelApi(${tokenExpression});
const { body } = await api.getSpecificBoard('uXjVOBoard=');
console.log(body.name);
`,
};

const NODE_TOKEN = 'process.env.MIRO_ACCESS_TOKEN';
const BROWSER_TOKEN = "sessionStorage.getItem('miro-token')";

/** esbuild-minified (ESM, tree-shaken) and gzip -9 size of one app. */
export async function bundleSize(
  source: string,
  platform: 'node' | 'browser',
): Promise<BundleFigures & { metafile: string }> {
  const result = await build({
    stdin: { contents: source, resolveDir: BENCH_DIR, sourcefile: 'app.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('bundle: esbuild produced no output');
  return {
    platform,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    metafile: JSON.stringify(result.metafile),
  };
}

/** Sizes are deterministic (same input, same bytes), so one build per app is the figure. */
export async function bundle(): Promise<BundleResults> {
  const strip = ({ metafile: _metafile, ...figures }: BundleFigures & { metafile: string }): BundleFigures => figures;
  const ours = strip(await bundleSize(ONE_CALL_APPS.ours(NODE_TOKEN), 'node'));
  const oursBrowser = strip(await bundleSize(ONE_CALL_APPS.ours(BROWSER_TOKEN), 'browser'));
  const official = strip(await bundleSize(ONE_CALL_APPS.official(NODE_TOKEN), 'node'));
  return {
    contenders: { ours, oursBrowser, official },
    gzipRatio: ratio(ours.gzipBytes, official.gzipBytes),
    gzipRatioBrowser: ratio(oursBrowser.gzipBytes, official.gzipBytes),
  };
}
