import { runClosedLoop } from '../load/closed-loop.js';
import type { AuthHeaders } from './auth.js';
import { basketOf } from './shopper.js';

const ATTEMPTS = 5;

/**
 * Gives every user a non-empty basket through the basket API (POST /basket), before any timing, so
 * each measured checkout has its own basket to check out. A 503 (the catalog was too slow for the
 * basket service, which happens when the machine is busy) is retried: this is preparation, not a
 * measurement, and the API says a 503 is safe to retry.
 */
export const prepareBaskets = async (
  basketUrl: string,
  userNames: readonly string[],
  authHeaders: AuthHeaders,
): Promise<void> => {
  const result = await runClosedLoop(16, { total: userNames.length }, async (index) => {
    const userName = userNames[index] ?? '';
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${basketUrl}/basket`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(userName) },
        body: JSON.stringify(basketOf(userName, index)),
      });
      await response.arrayBuffer();
      if (response.status === 201 || response.status === 200) return;
      if (response.status !== 503 || attempt === ATTEMPTS) {
        throw new Error(`POST /basket for ${userName}: HTTP ${response.status}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  });
  if (result.errors > 0) {
    throw new Error(`could not prepare ${result.errors} basket(s): ${result.errorSamples.join('; ')}`);
  }
};
