import type { JsonObject } from '../src/spec/load.js';

/** A minimal valid OpenAPI 3.0 document around the given paths and schemas. */
export function fixtureSpec(paths: object, schemas: object = {}, extra: object = {}): JsonObject {
  return {
    openapi: '3.0.1',
    info: { title: 'Fixture', version: '1.0' },
    servers: [{ url: 'https://api.miro.com/' }],
    paths,
    components: { schemas },
    ...extra,
  } as JsonObject;
}

/** One GET operation answering `schema` with 200. */
export function getReturning(operationId: string, schema: object, parameters: object[] = []): JsonObject {
  return {
    get: {
      operationId,
      parameters,
      responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    },
  } as JsonObject;
}
