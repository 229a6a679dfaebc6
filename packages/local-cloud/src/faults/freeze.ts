import { setTimeout as sleep } from 'node:timers/promises';

/** How often a held request looks whether its freeze is over. */
const CHECK_EVERY_MS = 20;

/**
 * An endpoint's frozen state: while frozen, requests and answers wait. A freeze can be extended
 * or lifted while requests wait, so they take short naps rather than one long sleep; `signal`
 * ends every wait (when the proxy stops).
 */
export const createFreeze = (signal: AbortSignal) => {
  let frozenUntil = 0;
  return {
    /** Freezes for `ms` from now, or longer if a freeze already runs past that. */
    freezeFor(ms: number): void {
      frozenUntil = Math.max(frozenUntil, Date.now() + ms);
    },
    lift(): void {
      frozenUntil = 0;
    },
    /** Resolves when no freeze is on: true if it had to wait. */
    async waitOut(): Promise<boolean> {
      if (Date.now() >= frozenUntil) return false;
      while (Date.now() < frozenUntil) {
        await sleep(Math.min(frozenUntil - Date.now(), CHECK_EVERY_MS), undefined, { signal });
      }
      return true;
    },
  };
};
