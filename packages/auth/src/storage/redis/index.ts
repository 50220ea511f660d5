export { RedisTokenStorage, type RedisTokenStorageOptions } from './token-storage.js';
export { RedisCreditBudget, type RedisCreditBudgetOptions } from './credit-budget.js';
export type { RedisConnection } from './client.js';
