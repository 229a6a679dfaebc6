import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToken } from '../src/auth/dev-issuer.js';
import { discoverServices } from '../src/dev/local-cloud.js';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { checkoutRequest } from '../src/testing/checkout-request.js';
import { type LocalCloudUnderTest, startLocalCloudUnderTest } from '../src/testing/local-cloud-under-test.js';
import { requestJson } from '../src/testing/request-json.js';
import { addTestRule } from '../src/testing/test-rule.js';

// `pnpm events` and `pnpm dlq`, run as the processes a developer starts, against the whole local
// cloud as `pnpm dev` runs it (on free ports). The tests run in order: the events tool keeps
// following while the DLQ test breaks and repairs ordering, and is stopped with Ctrl-C last.
const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const servicesDir = fileURLToPath(new URL('../../../services', import.meta.url));
const cliOf = (tool: string) => fileURLToPath(new URL(`../src/${tool}/cli.ts`, import.meta.url));

const CHECKOUT_QUEUE = 'eshop-ordering-local-checkout';
const CHECKOUT_DLQ = 'eshop-ordering-local-checkout-dlq';
const ORDER_TABLE = 'eshop-ordering-local-orders';
const BASKET_BUS = 'eshop-basket-local';
/** The template's CheckoutQueue visibility timeout, restored after the DLQ test shortened it. */
const TEMPLATE_VISIBILITY_TIMEOUT = '70';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = async <T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not reached within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await sleep(100);
  }
};

let cloud: LocalCloudUnderTest;
let sqs: SQSClient;
let toolEnv: NodeJS.ProcessEnv;
let events: ChildProcess;
let eventsExit: Promise<number | null>;
const eventLines: string[] = [];

/** The events tool's lines for one correlation id, as [kind, text]. */
const linesOf = (correlationId: string) =>
  eventLines
    .map((line) => line.split(/ {2,}/))
    .filter(([, id]) => id === correlationId)
    .map(([, , kind, ...text]) => [kind ?? '', text.join('  ')] as const);

const queueUrl = async (name: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
const depthOf = async (url: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    messages: Number(Attributes?.ApproximateNumberOfMessages),
    inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
};

/** Fills a basket for `userName` and checks it out with our own correlation id. */
const checkOut = async (userName: string, correlationId: string) => {
  const auth = { authorization: `Bearer ${await requestToken(cloud.issuer, userName)}` };
  const catalog = await requestJson(`${cloud.services.product}/product?limit=1`);
  const productId = catalog.json.items[0].id;
  await requestJson(`${cloud.services.basket}/basket`, {
    method: 'POST',
    headers: auth,
    body: { userName, items: [{ productId, quantity: 1 }] },
  });
  const checkout = await requestJson(`${cloud.services.basket}/basket/checkout`, {
    method: 'POST',
    headers: { ...auth, 'x-correlation-id': correlationId },
    body: checkoutRequest(userName),
  });
  expect(checkout.status).toBe(202);
  return { auth, checkoutId: checkout.json.checkoutId as string };
};

/** Runs `pnpm <tool> <args>` as its own process; resolves with its exit code and output. */
const runTool = async (tool: string, ...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cliOf(tool), ...args], {
      cwd: packageDir,
      env: toolEnv,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code, stdout, stderr };
  }
};

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  cloud = await startLocalCloudUnderTest(servicesDir, discoverServices(servicesDir));
  sqs = new SQSClient({
    endpoint: cloud.endpoints.sqs,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  toolEnv = {
    ...process.env,
    EVENTBRIDGE_PORT: String(cloud.ports.eventbridge),
    SQS_PORT: String(cloud.ports.sqs),
  };

  events = spawn(process.execPath, ['--import', 'tsx', cliOf('events')], { cwd: packageDir, env: toolEnv });
  eventsExit = new Promise((resolve) => events.once('exit', (code) => resolve(code)));
  let partial = '';
  events.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    eventLines.push(...lines);
  });
  await eventually(
    () => eventLines,
    (lines) => lines.some((line) => line.includes('following events')),
    60_000,
  );
}, 300_000);

afterAll(async () => {
  if (events !== undefined && events.exitCode === null) events.kill('SIGKILL');
  sqs?.destroy();
  await cloud?.stop();
}, 120_000);

describe('pnpm events', () => {
  it('shows a checkout as put → matched → delivered → consumed under its correlation id, and queue depths', async () => {
    const correlationId = `events-${randomUUID()}`;

    await checkOut(`events-${randomUUID().slice(0, 8)}`, correlationId);
    await eventually(
      () => linesOf(correlationId),
      (lines) => lines.some(([kind]) => kind === 'consumed'),
      30_000,
    );

    const lines = linesOf(correlationId);
    expect(lines.map(([kind]) => kind)).toEqual(['put', 'matched', 'delivered', 'consumed']);
    expect(lines[0]?.[1]).toMatch(`CheckoutBasket from eshop.basket on bus ${BASKET_BUS}: 1 rule matched`);
    expect(lines[1]?.[1]).toMatch('rule eshop-ordering-local-checkout-basket → 1 target');
    expect(lines[2]?.[1]).toMatch(
      `to queue ${CHECKOUT_QUEUE} by rule eshop-ordering-local-checkout-basket (attempt 1`,
    );
    expect(lines[3]?.[1]).toMatch(
      `by eshop-ordering-local-processCheckout from ${CHECKOUT_QUEUE} (receive 1`,
    );
    expect(eventLines.some((line) => line.match(`depth +${CHECKOUT_QUEUE}: \\d+ waiting`))).toBe(true);
    expect(eventLines.some((line) => line.match(`depth +DLQ ${CHECKOUT_DLQ}: \\d+ waiting`))).toBe(true);
  }, 60_000);
});

describe('pnpm dlq', () => {
  it('lists a checkout the consumer failed 5 times with why, keeps it, and redrives it into exactly one order', async () => {
    const ddb = new DynamoDBClient({
      endpoint: cloud.endpoints.dynamodb,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const eventBridge = new EventBridgeClient({
      endpoint: cloud.endpoints.eventbridge,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const checkoutUrl = await queueUrl(CHECKOUT_QUEUE);
    const dlqUrl = await queueUrl(CHECKOUT_DLQ);
    const userName = `dlq-${randomUUID().slice(0, 8)}`;
    const correlationId = `dlq-${randomUUID()}`;
    const undeliverableRule = `undeliverable-${randomUUID().slice(0, 8)}`;
    let table: TableDescription | undefined;
    let undeliverable: Awaited<ReturnType<typeof addTestRule>> | undefined;
    const restoreTable = async () => {
      if (table === undefined) return;
      const { TableName, KeySchema, AttributeDefinitions } = table;
      table = undefined;
      await ddb.send(
        new CreateTableCommand({
          TableName,
          KeySchema,
          AttributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    };
    try {
      // Given: five failed receives must not take the template's 70 s visibility timeout each (~6 min).
      await sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: checkoutUrl, Attributes: { VisibilityTimeout: '1' } }),
      );
      // The order table is gone, so every receive of the checkout fails...
      table = (await ddb.send(new DescribeTableCommand({ TableName: ORDER_TABLE }))).Table;
      await ddb.send(new DeleteTableCommand({ TableName: ORDER_TABLE }));
      // ...and a second rule for this shopper targets a queue that does not exist, so EventBridge
      // dead-letters its copy of the event into the same DLQ, with its own reason attached.
      undeliverable = await addTestRule(eventBridge, {
        bus: BASKET_BUS,
        name: undeliverableRule,
        pattern: { source: ['eshop.basket'], detail: { userName: [userName] } },
        target: {
          Id: 'missing',
          Arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${undeliverableRule}-missing`,
          RetryPolicy: { MaximumRetryAttempts: 0 },
          DeadLetterConfig: { Arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${CHECKOUT_DLQ}` },
        },
      });

      // When: the shopper checks out, and both copies end in the DLQ.
      const { auth, checkoutId } = await checkOut(userName, correlationId);
      await eventually(
        () => depthOf(dlqUrl),
        ({ messages }) => messages === 2,
        90_000,
      );

      // Then: list shows both with why, and leaves them there, visible.
      const listed = await runTool('dlq', 'list', '--service', 'ordering');
      expect(listed).toMatchObject({ code: 0, stderr: '' });
      expect(listed.stdout).toContain(
        `${CHECKOUT_DLQ}  (eshop-ordering CheckoutDeadLetterQueue)  2 messages`,
      );
      expect(listed.stdout).toContain(`redrive: to ${CHECKOUT_QUEUE}`);
      expect(listed.stdout).toContain(
        `why: received 5 times from ${CHECKOUT_QUEUE} and never deleted (its consumer failed it), so SQS moved it here`,
      );
      expect(listed.stdout).toContain(
        `why: EventBridge could not deliver it: ResourceNotFoundException: Queue ${undeliverableRule}-missing does not exist (rule ${undeliverableRule}, target ${undeliverableRule}-missing)`,
      );
      expect(listed.stdout.split(`CheckoutBasket  correlation ${correlationId}`)).toHaveLength(3);
      expect(await depthOf(dlqUrl)).toEqual({ messages: 2, inFlight: 0 });
      // The events tool saw every failed receive and the undeliverable copy going to the DLQ.
      const failures = linesOf(correlationId).filter(([kind]) => kind === 'failed');
      expect(failures.length).toBeGreaterThanOrEqual(5);
      expect(failures.at(-1)?.[1]).toMatch(`moves to DLQ ${CHECKOUT_DLQ} when its visibility timeout ends`);
      expect(linesOf(correlationId)).toContainEqual([
        'undelivered',
        expect.stringContaining(`by rule ${undeliverableRule} after 1 attempt`) as unknown as string,
      ]);

      // When: the cause is fixed and the DLQ redriven.
      await restoreTable();
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: checkoutUrl,
          Attributes: { VisibilityTimeout: TEMPLATE_VISIBILITY_TIMEOUT },
        }),
      );
      const redriven = await runTool('dlq', 'redrive', '--service', 'ordering');

      // Then: both copies went back, and the checkout is exactly one order.
      expect(redriven).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`${CHECKOUT_DLQ}: done, 2 moved`),
      });
      const orders = async () =>
        (await requestJson(`${cloud.services.ordering}/order/${userName}`, { headers: auth })).json.items as {
          checkoutId: string;
        }[];
      await eventually(orders, (items) => items.length > 0, 30_000);
      await eventually(
        () => depthOf(checkoutUrl),
        ({ messages }) => messages === 0,
        30_000,
      );
      expect((await orders()).map((order) => order.checkoutId)).toEqual([checkoutId]);
      expect(await depthOf(dlqUrl)).toEqual({ messages: 0, inFlight: 0 });
    } finally {
      await restoreTable();
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: checkoutUrl,
          Attributes: { VisibilityTimeout: TEMPLATE_VISIBILITY_TIMEOUT },
        }),
      );
      await undeliverable?.remove().catch(() => undefined);
      ddb.destroy();
      eventBridge.destroy();
    }
  }, 400_000);
});

describe('pnpm events, stopped', () => {
  it('exits 0 on Ctrl-C (SIGINT)', async () => {
    events.kill('SIGINT');

    expect(await eventsExit).toBe(0);
    expect(eventLines.at(-1)).toMatch('SIGINT: stopped');
  }, 30_000);
});
