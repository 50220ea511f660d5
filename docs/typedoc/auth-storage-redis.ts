/**
 * Token storage and a shared credit budget in Redis (peer dependency: ioredis 5).
 * @module @miro/auth/storage/redis
 */
export * from '../../packages/auth/src/storage/redis/index.js';
