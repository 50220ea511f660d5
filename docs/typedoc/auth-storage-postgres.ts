/**
 * Token storage in PostgreSQL (peer dependency: pg 8).
 * @module @miro/auth/storage/postgres
 */
export * from '../../packages/auth/src/storage/postgres.js';
