import { MiroConfigError } from '../errors.js';

export const DEFAULT_POSTGRES_TABLE = 'miro_auth_tokens';

/**
 * The migration that creates the token table, for apps that run their own migrations (then pass
 * `createTable: false`). `state` is the JSON of a `TokenState` (ciphertext fields when encrypted).
 */
export function postgresTokenTableSql(table: string = DEFAULT_POSTGRES_TABLE): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteTable(table)} (
  user_id text PRIMARY KEY,
  state text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;
}

/** `name` or `schema.name`, each part a plain identifier, double-quoted. */
export function quoteTable(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(part))) {
    throw new MiroConfigError(
      `PostgreSQL token storage: table must be an identifier or schema.identifier of letters, digits and _, got "${table}"`,
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}
