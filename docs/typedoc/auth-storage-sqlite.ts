/**
 * Token storage in an SQLite file (peer dependency: better-sqlite3 12).
 * @module @miro/auth/storage/sqlite
 */
export * from '../../packages/auth/src/storage/sqlite.js';
