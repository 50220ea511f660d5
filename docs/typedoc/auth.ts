/**
 * OAuth 2.0 and per-user token management for Miro apps (`Miro`, OAuth state helpers, errors).
 * @module @miro/auth
 */
export * from '../../packages/auth/src/index.js';
