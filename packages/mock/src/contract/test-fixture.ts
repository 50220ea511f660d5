import type { ContractOperation, ContractParameter, JsonSchema } from './types.js';
import { Validators } from './validators.js';

/** A small hand-written contract for unit tests: styles and shapes the real spec does not use. */

export const fixtureDefinitions: Record<string, JsonSchema> = {
  Circle: {
    type: 'object',
    properties: { kind: { enum: ['circle'] }, radius: { type: 'number' } },
    required: ['kind', 'radius'],
  },
  Square: {
    type: 'object',
    properties: { kind: { enum: ['square'] }, side: { type: 'number' } },
    required: ['kind', 'side'],
  },
  Shape: { anyOf: [{ $ref: 'miro#/definitions/Circle' }, { $ref: 'miro#/definitions/Square' }] },
  Node: {
    type: 'object',
    properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: 'miro#/definitions/Node' } } },
    required: ['name'],
  },
  Stamp: {
    type: 'object',
    properties: {
      at: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      id: { type: 'string', format: 'uuid' },
      big: { type: 'string', format: 'int64' },
    },
    required: ['at', 'day', 'id', 'big'],
  },
};

export const fixtureValidators = (): Validators =>
  new Validators({ id: 'miro', definitions: fixtureDefinitions, formats: ['date', 'date-time', 'int64', 'uuid'] });

export function param(wireName: string, extra: Partial<ContractParameter> = {}): ContractParameter {
  return {
    wireName,
    name: wireName,
    in: 'query',
    required: false,
    style: 'form',
    explode: true,
    kind: 'scalar',
    schema: { type: 'string' },
    ...extra,
  };
}

export function operation(
  partial: Partial<ContractOperation> & Pick<ContractOperation, 'operationId'>,
): ContractOperation {
  return {
    methodName: partial.operationId,
    method: 'GET',
    path: '/things',
    server: 'api',
    parameters: [],
    body: null,
    success: {
      status: 200,
      kind: 'json',
      contentType: 'application/json',
      schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
    },
    pagination: null,
    ...partial,
  };
}
