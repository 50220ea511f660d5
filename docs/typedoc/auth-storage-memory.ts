/**
 * In-memory token storage for development and tests.
 * @module @miro/auth/storage/memory
 */
export * from '../../packages/auth/src/storage/memory.js';
