import { MiroConfigError, MiroStorageError } from '../errors.js';

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

/** Columns the adapter reads and writes, with the types `postgresTokenTableSql` gives them. */
const EXPECTED_COLUMNS: Readonly<Record<string, string>> = {
  user_id: 'text',
  state: 'text',
  updated_at: 'timestamp with time zone',
};

interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Checks at first use that the table is the adapter's: it exists, has the expected columns, and
 * `user_id` is unique. A table of another shape would otherwise fail every read and write with a
 * driver error that does not say why.
 */
export async function checkTableShape(db: Queryable, table: string): Promise<void> {
  const quoted = quoteTable(table);
  const { rows: columns } = await db.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [quoted],
  );
  const expected = Object.entries(EXPECTED_COLUMNS)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
  if (columns.length === 0) {
    throw new MiroStorageError(
      'PostgreSQL',
      `table ${quoted} does not exist; create it with postgresTokenTableSql() (columns ${expected}) or pass createTable: true`,
    );
  }
  const found = new Map(columns.map((c) => [c.name, c.type]));
  const wrong = Object.entries(EXPECTED_COLUMNS).some(([name, type]) => found.get(name) !== type);
  const { rows: unique } = await db.query(
    `SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indnatts = 1 AND a.attname = 'user_id'`,
    [quoted],
  );
  if (wrong || unique.length === 0) {
    throw new MiroStorageError(
      'PostgreSQL',
      `table ${quoted} exists with the columns (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}), but @miro/auth needs (${expected}) with user_id as its primary key; choose another table name (option table) or migrate it`,
    );
  }
}
