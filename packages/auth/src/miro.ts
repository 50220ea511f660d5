import { MiroApi, type CreditBudget, type CreditBudgetSettings } from '@miro/api';
import { MiroOAuth, type MiroOAuthOptions } from './miro-oauth.js';
import type { ExternalUserId } from './types.js';
import { toUserId } from './user-id.js';

export interface MiroOptions extends MiroOAuthOptions {
  /**
   * Credit budget for the clients `as()` makes: a shared one (e.g. `RedisCreditBudget`) so that
   * several processes pace one user's calls together, settings for the in-memory one, or false.
   */
  budget?: CreditBudget | CreditBudgetSettings | false;
}

/**
 * Miro OAuth plus API clients per user: the official Node client's `Miro` class, so an app moves
 * over by changing its import.
 */
export class Miro extends MiroOAuth {
  readonly #budget: MiroOptions['budget'];

  constructor(options: MiroOptions = {}) {
    super(options);
    this.#budget = options.budget;
  }

  /**
   * An API client acting as the user. Its token comes from this instance on every request:
   * refreshed ahead of expiry, and once more after Miro answers 401.
   */
  as(userId: ExternalUserId): MiroApi {
    const id = toUserId(userId);
    return new MiroApi({
      accessToken: (context) => this.tokenFor(id, context),
      baseUrl: this.baseUrl,
      fetch: (url, init) => this.fetchImpl(url, init),
      ...(this.logger === undefined ? {} : { logger: this.logger }),
      // One budget per user that survives token refreshes (the default key is the token's hash).
      budgetKey: `user:${id}`,
      ...(this.#budget === undefined ? {} : { budget: this.#budget }),
    });
  }
}
