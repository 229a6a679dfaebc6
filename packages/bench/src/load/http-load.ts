import autocannon from 'autocannon';

/** One autocannon run against one endpoint. */
export interface HttpLoadResult {
  connections: number;
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Responses per HTTP status, to tell a 401 (no token) from a 503 (a dependency too slow). */
  statusCodes: Record<string, number>;
}

export interface HttpLoadOptions {
  url: string;
  connections: number;
  /** Run for this long, or until `amount` requests are done. */
  limit: { durationSeconds: number } | { amount: number };
  /** Builds each request; called once per request, so each can carry its own data. */
  request: (index: number) => {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
  };
}

/**
 * Runs autocannon with a request built per call. Requests per second are completed requests over
 * the run's duration, not autocannon's per-second average, which a short run's partial last
 * second drags down.
 */
export const runHttpLoad = async ({
  url,
  connections,
  limit,
  request,
}: HttpLoadOptions): Promise<HttpLoadResult> => {
  let index = 0;
  const result = await autocannon({
    url,
    connections,
    ...('amount' in limit ? { amount: limit.amount } : { duration: limit.durationSeconds }),
    timeout: 30,
    requests: [
      {
        setupRequest: (previous) => {
          const { method, path, body, headers = {} } = request(index++);
          return {
            ...previous,
            method,
            path,
            headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          };
        },
      },
    ],
  });
  const requests = result['2xx'] + result.non2xx;
  const durationSeconds = result.duration;
  return {
    connections,
    requests,
    durationSeconds,
    requestsPerSecond: requests / durationSeconds,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count = 0 }]) => [code, count]),
    ),
  };
};
