/**
 * Typed client for every operation of Miro's REST API, generated from its OpenAPI spec.
 * @module @miro/api
 */
export * from '../../packages/api/src/index.js';
