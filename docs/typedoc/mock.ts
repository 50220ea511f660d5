/**
 * A stateful simulated Miro REST API and OAuth server: msw handlers and a local HTTP server.
 * @module @miro/mock
 */
export * from '../../packages/mock/src/index.js';
