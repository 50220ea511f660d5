export * from './runtime/index.js';
export { MiroApi } from './generated/client.gen.js';
export { operations, type OperationName } from './generated/operations.gen.js';
export type * from './generated/types.gen.js';
export type * from './generated/parameters.gen.js';
