/**
 * The @miro/api runtime's operation descriptor: its types, defaults and credits table, declared once
 * there and used here as types and values. Imported by path, not as a package: @miro/api's
 * `generate` task needs the generator built first, so the generator cannot depend on @miro/api.
 * Both files import nothing else, so esbuild bundles them into dist/ and tsx loads them from source
 * (bin/load.mjs and turbo's inputs for the generator's build count them as generator sources).
 */
export * from '../../packages/api/src/runtime/operation.js';
export { compactEntry, compactOperation } from '../../packages/api/src/runtime/operation-compact.js';
