import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from '../faults/random.js';

/** One answer the client got (or did not get: `status` 0 is a timeout or a dropped connection). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the run reads bodies of several shapes
  json: any;
}

export interface ClientStats {
  requests: number;
  /** Requests sent again after a 429, a 503 or a timeout. */
  retries: number;
  /** Requests that got no answer in time, or a dropped connection. */
  timeouts: number;
  byStatus: Record<string, number>;
  /** Every 500: API Gateway's fixed body is expected (a killed instance), anything else is a bug. */
  internalErrors: { url: string; text: string; idempotencyKey?: string }[];
}

export interface ChaosClientOptions {
  /** Per request; longer than a function's 10 s, shorter than API Gateway's 30 s. */
  timeoutMs?: number;
  /** Attempts per call, the first included. */
  attempts?: number;
  /** Jitter source: the run's seeded one. */
  random: Random;
}

const RETRIED_STATUSES = new Set([429, 503, 0]);

/**
 * The client the README asks for: it retries 429, 503 and timeouts with the same request (and so
 * the same Idempotency-Key), waiting `Retry-After` when given, else a jittered backoff.
 */
export const createChaosClient = ({ timeoutMs = 15_000, attempts = 8, random }: ChaosClientOptions) => {
  const stats: ClientStats = { requests: 0, retries: 0, timeouts: 0, byStatus: {}, internalErrors: [] };

  const once = async (url: string, init: RequestInit): Promise<Answer> => {
    stats.requests += 1;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    } catch {
      stats.timeouts += 1;
      return { status: 0, headers: new Headers(), text: '', json: undefined };
    }
  };

  const backoffMs = (answer: Answer, attempt: number): number => {
    const retryAfter = Number(answer.headers.get('retry-after'));
    const base = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 200 * 2 ** attempt;
    return Math.min(base, 5000) * (0.5 + random());
  };

  /** Sends until the answer is final (not 429/503/timeout) or the attempts run out. */
  const send = async (
    method: string,
    url: string,
    { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer & { attempts: number }> => {
    const init: RequestInit = {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    for (let attempt = 1; ; attempt++) {
      const answer = await once(url, init);
      stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
      if (answer.status === 500) {
        stats.internalErrors.push({ url, text: answer.text, idempotencyKey: headers['idempotency-key'] });
      }
      if (!RETRIED_STATUSES.has(answer.status) || attempt === attempts)
        return { ...answer, attempts: attempt };
      stats.retries += 1;
      await sleep(backoffMs(answer, attempt));
    }
  };

  return { send, stats };
};

export type ChaosClient = ReturnType<typeof createChaosClient>;
