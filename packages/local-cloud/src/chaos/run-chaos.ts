import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { requestToken } from '../auth/dev-issuer.js';
import { describeDeadLetter } from '../dlq/describe-message.js';
import { moveMessages } from '../dlq/move-messages.js';
import { peekMessages } from '../dlq/peek-messages.js';
import type { AwsService } from '../faults/aws-faults.js';
import type { FaultCounts } from '../faults/fault-counts.js';
import { deriveSeed, seededRandom } from '../faults/random.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { type ClientStats, createChaosClient } from './chaos-client.js';
import { dynamoDbFaults, mixedFaults } from './fault-schedule.js';
import { checkInvariants, type Invariant, type ShopperState } from './invariants.js';
import { buyerOf, type CheckoutAttempt, type Line, runShopper } from './shopper.js';

export interface ChaosOptions {
  seed: number;
  checkouts: number;
  shoppers: number;
  concurrency: number;
  /** Share of requests to each endpoint that meet a fault (default 0.05). */
  faultRate?: number;
  /** Share of DynamoDB writes whose function instance dies after the write (default 0.01). */
  deathRate?: number;
  /** Base URLs of the product, basket and ordering APIs. */
  services: Record<'product' | 'basket' | 'ordering', string>;
  issuer: string;
  /** The emulators themselves (not the proxies): where the run reads its evidence. */
  endpoints: { dynamodb: string; sqs: string };
  /** Each fault proxy's control API (`<proxy>/__faults`). */
  faultControls: Record<AwsService, string>;
  basketTable: string;
  orderTable: string;
  checkoutQueue?: string;
  checkoutDeadLetterQueue?: string;
  /** The functions' log lines so far, when the caller collects them. */
  logs?: () => readonly string[];
  /** Longest wait for the queue to drain, each time (default 6 min: visibility timeouts are 70 s). */
  drainTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

/** The parts of a running local cloud a chaos run drives and reads: `pnpm dev`'s, or a test's. */
export interface ChaosCloud {
  services: Record<string, string | undefined>;
  issuer: string;
  endpoints: ChaosOptions['endpoints'];
  faults?: { controls: ChaosOptions['faultControls'] };
  environments: Record<string, Record<string, string> | undefined>;
}

/** Where a chaos run finds the services, the fault proxies' controls and the tables in `cloud`. */
export const chaosTargetsOf = (cloud: ChaosCloud) => ({
  services: {
    product: cloud.services.product ?? '',
    basket: cloud.services.basket ?? '',
    ordering: cloud.services.ordering ?? '',
  },
  issuer: cloud.issuer,
  endpoints: cloud.endpoints,
  faultControls: cloud.faults?.controls ?? { dynamodb: '', eventbridge: '', sqs: '' },
  basketTable: cloud.environments.basket?.BASKET_TABLE_NAME ?? '',
  orderTable: cloud.environments.ordering?.ORDER_TABLE_NAME ?? '',
});

export interface ChaosReport {
  seed: number;
  checkouts: number;
  shoppers: number;
  concurrency: number;
  faultRate: number;
  deathRate: number;
  outcomes: { accepted: number; gaveUp: number; resumed: number; skipped: number };
  client: Omit<ClientStats, 'internalErrors'> & { internalErrors: number };
  faults: Record<AwsService, FaultCounts>;
  instanceDeaths: number;
  deadLetters: number;
  durationsMs: { load: number; drain: number; redrive: number; total: number };
  invariants: Invariant[];
  passed: boolean;
  /** Every checkout id (or key) named by a broken invariant. */
  failures: string[];
}

const control = async (url: string, method: string, path = '', body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { counts: FaultCounts };
};

const pool = async (concurrency: number, jobs: (() => Promise<void>)[]): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) await jobs[next++]?.();
    }),
  );
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 17's chaos run against a running local cloud started with fault proxies: shoppers fill
 * baskets and check out while every endpoint fails now and then and function instances die after
 * their writes; then the faults stop, the system drains, the DLQ is redriven, and the invariants
 * are checked from the tables, the queues and the logs — never from the responses alone.
 */
export const runChaos = async (options: ChaosOptions): Promise<ChaosReport> => {
  const {
    seed,
    checkouts,
    shoppers: shopperCount,
    concurrency,
    faultRate = 0.05,
    deathRate = 0.01,
    services,
    faultControls,
    drainTimeoutMs = 360_000,
    onProgress = () => undefined,
  } = options;
  const startedAt = Date.now();
  const aws = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...aws, endpoint: options.endpoints.dynamodb }),
  );
  const sqs = new SQSClient({ ...aws, endpoint: options.endpoints.sqs });
  const random = seededRandom(deriveSeed(seed, 'client'));
  const client = createChaosClient({ random });
  try {
    const catalog = (await (await fetch(`${services.product}/product?limit=100`)).json()) as {
      items: { id: string; price: number }[];
    };
    const products = catalog.items;
    const run = `chaos-${seed}-${randomUUID().slice(0, 6)}`;
    const userNames = Array.from({ length: shopperCount }, (_, n) => `${run}-${n}`);
    const tokens = new Map<string, string>();
    for (const userName of userNames) tokens.set(userName, await requestToken(options.issuer, userName));

    const attemptTemplate = (userName: string): CheckoutAttempt => ({
      userName,
      index: 0,
      idempotencyKey: randomUUID(),
      lines: [],
      expectedTotal: 0,
      outcome: 'skipped',
    });
    const attempts: CheckoutAttempt[] = Array.from({ length: checkouts }, (_, n) => {
      const shopper = n % shopperCount;
      const index = Math.floor(n / shopperCount);
      const [a, b] = [
        products[(shopper + index) % products.length],
        products[(shopper + index + 7) % products.length],
      ];
      if (a === undefined || b === undefined) throw new Error('the catalog is empty');
      // Each attempt of a shopper has its own content: the first line's quantity is its number.
      const lines: Line[] = [
        { productId: a.id, quantity: index + 1 },
        { productId: b.id, quantity: 1 },
      ];
      return {
        userName: userNames[shopper] ?? '',
        index,
        idempotencyKey: randomUUID(),
        lines,
        expectedTotal: a.price * (index + 1) + b.price,
        outcome: 'skipped',
      };
    });

    // Warm up as many instances of each function as will run at once, faults off and not counted:
    // serverless-offline charges a cold worker's module loading to the invocation's timeout (Lambda
    // does not: init has its own 10 s), which a busy 2-core machine turns into function timeouts.
    const warmUsers = Array.from({ length: concurrency }, (_, n) => `${run}-warm-${n}`);
    for (const userName of warmUsers) tokens.set(userName, await requestToken(options.issuer, userName));
    const warmClient = createChaosClient({ random, attempts: 20 });
    await pool(
      concurrency,
      warmUsers.map(
        (userName) => () =>
          runShopper(
            {
              client: warmClient,
              basketUrl: services.basket,
              authHeaders: { authorization: `Bearer ${tokens.get(userName)}` },
              documentClient,
              basketTable: options.basketTable,
            },
            [{ ...attemptTemplate(userName), lines: [{ productId: products[0]?.id ?? '', quantity: 1 }] }],
          ),
      ),
    );
    onProgress(`warmed up ${concurrency} instances of each function`);

    const controls = Object.entries(faultControls) as [AwsService, string][];
    for (const [service, url] of controls) {
      await control(url, 'POST', '/disable');
      await control(url, 'POST', '/reset');
      await control(url, 'POST', '/seed', { seed });
      const config = service === 'dynamodb' ? dynamoDbFaults(faultRate, deathRate) : mixedFaults(faultRate);
      await control(url, 'PUT', '/config', config);
    }
    for (const [, url] of controls) await control(url, 'POST', '/enable');
    onProgress(
      `run ${run}: ${checkouts} checkouts, ${shopperCount} shoppers, concurrency ${concurrency}, seed ${seed}`,
    );

    const loadStarted = Date.now();
    await pool(
      concurrency,
      userNames.map(
        (userName) => () =>
          runShopper(
            {
              client,
              basketUrl: services.basket,
              authHeaders: { authorization: `Bearer ${tokens.get(userName)}` },
              documentClient,
              basketTable: options.basketTable,
            },
            attempts.filter((attempt) => attempt.userName === userName),
          ),
      ),
    );
    const loadMs = Date.now() - loadStarted;
    for (const [, url] of controls) await control(url, 'POST', '/disable');
    const faults = Object.fromEntries(
      await Promise.all(
        controls.map(async ([service, url]) => [service, (await control(url, 'GET')).counts]),
      ),
    ) as Record<AwsService, FaultCounts>;
    onProgress(`load done in ${loadMs} ms; faults stopped, draining`);

    const queueUrl = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
    const checkoutQueueUrl = await queueUrl(options.checkoutQueue ?? 'eshop-ordering-local-checkout');
    const deadLetterUrl = await queueUrl(
      options.checkoutDeadLetterQueue ?? 'eshop-ordering-local-checkout-dlq',
    );
    const arnOf = async (url: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
        .Attributes?.QueueArn ?? '';
    const drain = async (): Promise<number> => {
      const drainStarted = Date.now();
      let emptyInARow = 0;
      while (emptyInARow < 3) {
        if (Date.now() - drainStarted > drainTimeoutMs)
          throw new Error(`the queue did not drain in ${drainTimeoutMs} ms`);
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: checkoutQueueUrl,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        const depth =
          Number(Attributes.ApproximateNumberOfMessages) +
          Number(Attributes.ApproximateNumberOfMessagesNotVisible);
        emptyInARow = depth === 0 ? emptyInARow + 1 : 0;
        await sleep(1000);
      }
      return Date.now() - drainStarted;
    };
    const drainMs = await drain();

    const deadLetters = (await peekMessages(sqs, deadLetterUrl, { waitSeconds: 0, max: 10_000 })).map(
      describeDeadLetter,
    );
    const redriveStarted = Date.now();
    if (deadLetters.length > 0) {
      onProgress(`${deadLetters.length} dead letter(s): redriving`);
      await moveMessages(sqs, {
        sourceArn: await arnOf(deadLetterUrl),
        destinationArn: await arnOf(checkoutQueueUrl),
      });
      await drain();
    }
    const redriveMs = Date.now() - redriveStarted;

    const shopperStates = await Promise.all(
      userNames.map((userName) => readShopper(documentClient, options, userName)),
    );
    const orderCount = new Map<string, number>();
    for (const order of shopperStates.flatMap((state) => state.orders)) {
      orderCount.set(order.checkoutId, (orderCount.get(order.checkoutId) ?? 0) + 1);
    }
    const ordersAfterRedrive = new Map<string, number>();
    for (const message of deadLetters) {
      const checkoutId = (JSON.parse(message.body) as { detail?: { checkoutId?: string } }).detail
        ?.checkoutId;
      if (checkoutId !== undefined) ordersAfterRedrive.set(checkoutId, orderCount.get(checkoutId) ?? 0);
    }

    // Given-up checkouts that became orders: the same key must now answer 2xx with that order.
    const retriedAfterwards = new Map<string, { status: number; checkoutId?: string }>();
    for (const attempt of attempts.filter((a) => a.outcome === 'gaveUp')) {
      const state = shopperStates.find((s) => s.userName === attempt.userName);
      const checkoutId = attempt.checkoutId ?? state?.keyRecords.get(attempt.idempotencyKey);
      if (checkoutId === undefined || !orderCount.has(checkoutId)) continue;
      const answer = await client.send('POST', `${services.basket}/basket/checkout`, {
        body: buyerOf(attempt.userName),
        headers: {
          authorization: `Bearer ${tokens.get(attempt.userName)}`,
          'idempotency-key': attempt.idempotencyKey,
        },
      });
      retriedAfterwards.set(attempt.idempotencyKey, {
        status: answer.status,
        checkoutId: answer.json?.checkoutId,
      });
    }

    const instanceDeaths = faults.dynamodb.faults.instanceDeath ?? 0;
    const invariants = checkInvariants({
      attempts,
      shoppers: shopperStates,
      client: client.stats,
      instanceDeaths,
      deadLetters,
      ordersAfterRedrive,
      retriedAfterwards,
      ...(options.logs === undefined ? {} : { logs: options.logs() }),
    });
    const count = (outcome: CheckoutAttempt['outcome']) =>
      attempts.filter((a) => a.outcome === outcome).length;
    return {
      seed,
      checkouts,
      shoppers: shopperCount,
      concurrency,
      faultRate,
      deathRate,
      outcomes: {
        accepted: count('accepted'),
        gaveUp: count('gaveUp'),
        resumed: attempts.filter((a) => a.resumed === true).length,
        skipped: count('skipped'),
      },
      client: { ...client.stats, internalErrors: client.stats.internalErrors.length },
      faults,
      instanceDeaths,
      deadLetters: deadLetters.length,
      durationsMs: { load: loadMs, drain: drainMs, redrive: redriveMs, total: Date.now() - startedAt },
      invariants,
      passed: invariants.every((invariant) => invariant.holds),
      failures: [...new Set(invariants.flatMap((invariant) => invariant.offenders))],
    };
  } finally {
    documentClient.destroy();
    sqs.destroy();
  }
};

const readShopper = async (
  documentClient: DynamoDBDocumentClient,
  { basketTable, orderTable }: Pick<ChaosOptions, 'basketTable' | 'orderTable'>,
  userName: string,
): Promise<ShopperState> => {
  const query = async (tableName: string) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'userName = :u',
          ExpressionAttributeValues: { ':u': userName },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  };
  const [orders, basketItems] = await Promise.all([query(orderTable), query(basketTable)]);
  const keyRecords = new Map<string, string>();
  let basket: ShopperState['basket'];
  for (const item of basketItems) {
    const sk = String(item.sk);
    if (sk.startsWith('CHECKOUT#')) {
      const checkoutId =
        (item as { checkoutId?: string; detail?: { checkoutId?: string } }).checkoutId ??
        (item as { detail?: { checkoutId?: string } }).detail?.checkoutId;
      if (checkoutId !== undefined) keyRecords.set(sk.slice('CHECKOUT#'.length), checkoutId);
    } else if (sk === 'BASKET') {
      basket = {
        items: (item.lines as Line[]) ?? [],
        pendingCheckoutId: (item.pendingCheckout as { checkoutId?: string } | undefined)?.checkoutId,
      };
    }
  }
  return {
    userName,
    orders: orders
      .filter((order) => typeof order.checkoutId === 'string')
      .map((order) => ({
        checkoutId: String(order.checkoutId),
        total: Number(order.total),
        items: (order.items as Line[]) ?? [],
      })),
    keyRecords,
    ...(basket === undefined ? {} : { basket }),
  };
};
