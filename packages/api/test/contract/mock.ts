import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'msw';

/**
 * The contract handlers of `@miro/mock`, loaded from its source. `@miro/mock` depends on
 * `@miro/api`, so `@miro/api` cannot depend on it back (turbo refuses cyclic package graphs), and a
 * static import of another package's source breaks this package's `rootDir`. So the module is
 * imported at run time, and the part of it these tests use is declared here; the tests fail at
 * once if the two drift apart (see `every-operation.test.ts`).
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

export interface ContractParameter {
  readonly wireName: string;
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

export interface ContractOperation {
  readonly operationId: string;
  readonly methodName: string;
  readonly method: string;
  readonly path: string;
  readonly server: 'api' | 'scim';
  readonly parameters: readonly ContractParameter[];
  readonly body: {
    readonly kind: 'json' | 'scim' | 'multipart';
    readonly contentType: string;
    readonly schema: JsonSchema;
    readonly parts?: readonly {
      readonly name: string;
      readonly kind: 'file' | 'json' | 'text';
      readonly files: 'one' | 'many' | null;
      readonly schema: JsonSchema;
    }[];
  } | null;
  readonly success: { readonly status: number; readonly kind: 'json' | 'empty' | 'text' };
}

export interface ContractExchange {
  readonly operationId: string | null;
  readonly accepted: boolean;
  readonly status: number;
  readonly problems: readonly { readonly field: string; readonly message: string }[];
  readonly request: {
    readonly path: Record<string, unknown>;
    readonly query: Record<string, unknown>;
    readonly header: Record<string, unknown>;
    readonly body: unknown;
  };
  readonly body: unknown;
}

export type Random = () => number;

export interface MockContract {
  createContractHandlers(options?: {
    onResponse?: (exchange: ContractExchange) => void;
    seed?: number;
  }): RequestHandler[];
  readonly contractOperations: readonly ContractOperation[];
  readonly contractSchemas: { readonly definitions: Readonly<Record<string, JsonSchema>> };
  readonly Sampler: new (
    definitions: Readonly<Record<string, JsonSchema>>,
  ) => { sample(schema: JsonSchema, random: Random, hint?: string): unknown };
  seededRandom(seed: number): Random;
  seedFor(seed: number, key: string): number;
}

const entry = fileURLToPath(new URL('../../../mock/src/msw.ts', import.meta.url));
const generated = new URL('../../../mock/src/generated/operations.gen.ts', import.meta.url);
if (!existsSync(generated)) {
  throw new Error(
    `The contract tests need @miro/mock's generated handlers data (${fileURLToPath(generated)}): run \`pnpm generate\` (or \`pnpm exec miro-generate --target mock\`) first`,
  );
}

export const mock = (await import(/* @vite-ignore */ entry)) as MockContract;
