import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { benchDocumentClient, TABLES } from '../aws-clients.js';
import { runClosedLoop } from '../load/closed-loop.js';
import { type HttpLoadResult, runHttpLoad } from '../load/http-load.js';
import type { BenchCloud } from '../local-cloud/start-cloud.js';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import type { UserTokens } from '../shop/auth.js';
import { prepareBaskets } from '../shop/baskets.js';
import { categories, cycle, productIds } from '../shop/catalog.js';
import { basketOf, checkoutOf } from '../shop/shopper.js';

export interface ApiRow extends HttpLoadResult {
  endpoint: string;
  /** CPU other work on the machine used during this level. */
  noise: NoiseReading;
}

export interface ApiOptions {
  concurrencies: number[];
  durationSeconds: number;
  /** Floor warm-up, in seconds. */
  warmUpSeconds: number;
  /** Unmeasured requests per connection before each HTTP level. */
  warmUpRequestsPerConnection: number;
  /** Checkouts per concurrency level (each needs a basket prepared beforehand). */
  checkoutsPerLevel: (concurrency: number) => number;
}

/**
 * Latency and throughput of the HTTP APIs through serverless-offline, and the floor under them: a
 * direct DynamoDB Local GetItem from this process, at the same concurrencies, in the same run.
 *
 * Each level starts with an unmeasured warm-up at the same concurrency, a few requests per
 * connection: serverless-offline starts one worker per concurrent invocation of a function, and
 * those cold starts are measured apart (the cold-start figures), not smeared over a level.
 */
export const runApiBenchmark = async (
  cloud: BenchCloud,
  tokens: UserTokens,
  options: ApiOptions,
  log: (line: string) => void,
): Promise<ApiRow[]> => {
  const rows: ApiRow[] = [];
  const product = cloud.services.product ?? '';
  const basket = cloud.services.basket ?? '';
  const measure = async (endpoint: string, run: () => Promise<Omit<ApiRow, 'endpoint' | 'noise'>>) => {
    const meter = startNoiseMeter();
    const row = await run();
    const noise = meter.read();
    rows.push({ endpoint, noise, ...row });
    log(
      `  ${endpoint} c=${row.connections}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.latencyMs.p50.toFixed(1)} ms, p99 ${row.latencyMs.p99.toFixed(1)} ms, errors ${row.errors}, non-2xx ${row.non2xx}, other work ${noise.foreignCores} cores`,
    );
  };

  // The floor: what one DynamoDB Local read costs, with no HTTP, Lambda emulation or middleware.
  const documentClient = benchDocumentClient(cloud.endpoints.dynamodb);
  for (const concurrency of options.concurrencies) {
    const getItem = (index: number) =>
      documentClient
        .send(new GetCommand({ TableName: TABLES.product, Key: { id: cycle(productIds, index) } }))
        .then(() => undefined);
    await runClosedLoop(concurrency, { durationMs: options.warmUpSeconds * 1000 }, getItem);
    await measure('DynamoDB GetItem (floor)', async () => {
      const floor = await runClosedLoop(concurrency, { durationMs: options.durationSeconds * 1000 }, getItem);
      return {
        connections: concurrency,
        requests: floor.completed,
        durationSeconds: floor.elapsedMs / 1000,
        requestsPerSecond: floor.perSecond,
        latencyMs: { p50: floor.latencyMs.median, p99: floor.latencyMs.p99, max: floor.latencyMs.max },
        errors: floor.errors,
        non2xx: 0,
        statusCodes: {},
      };
    });
  }
  documentClient.destroy();

  const basketUsers = Array.from({ length: 256 }, (_, i) => `bench-basket-${i}`);
  await tokens.prepare(basketUsers);
  const timed: { endpoint: string; url: string; request: Parameters<typeof runHttpLoad>[0]['request'] }[] = [
    {
      endpoint: 'GET /product/{id}',
      url: product,
      request: (i) => ({ method: 'GET', path: `/product/${cycle(productIds, i)}` }),
    },
    {
      endpoint: 'GET /product?category=',
      url: product,
      request: (i) => ({ method: 'GET', path: `/product?category=${cycle(categories, i)}` }),
    },
    {
      endpoint: 'POST /basket',
      url: basket,
      request: (i) => {
        const userName = cycle(basketUsers, i);
        return {
          method: 'POST',
          path: '/basket',
          body: basketOf(userName, i),
          headers: tokens.headers(userName),
        };
      },
    },
  ];
  for (const { endpoint, url, request } of timed) {
    for (const connections of options.concurrencies) {
      await runHttpLoad({
        url,
        connections,
        limit: { amount: connections * options.warmUpRequestsPerConnection },
        request,
      });
      await measure(endpoint, () =>
        runHttpLoad({ url, connections, limit: { durationSeconds: options.durationSeconds }, request }),
      );
    }
  }

  // Checkout: every request its own user, whose basket was filled before the level started.
  let run = 0;
  for (const connections of options.concurrencies) {
    const amount = options.checkoutsPerLevel(connections);
    const warmUp = connections * options.warmUpRequestsPerConnection;
    const users = Array.from(
      { length: warmUp + amount },
      (_, i) => `bench-checkout-${connections}-${run}-${i}`,
    );
    run++;
    await tokens.prepare(users);
    await prepareBaskets(basket, users, tokens.headers);
    const request = (offset: number) => (i: number) => {
      const userName = users[offset + i] ?? '';
      return {
        method: 'POST' as const,
        path: '/basket/checkout',
        body: checkoutOf(userName),
        headers: tokens.headers(userName),
      };
    };
    await runHttpLoad({ url: basket, connections, limit: { amount: warmUp }, request: request(0) });
    await measure('POST /basket/checkout', () =>
      runHttpLoad({ url: basket, connections, limit: { amount }, request: request(warmUp) }),
    );
  }
  return rows;
};
