import { randomUUID } from 'node:crypto';
import { type Random, randomInt } from './random.js';

/** The AWS endpoints the functions reach through `AWS_ENDPOINT_URL_<SERVICE>`. */
export type AwsService = 'dynamodb' | 'eventbridge' | 'sqs';

/** An HTTP answer, buffered. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What a fault needs to know about the request it replaces or follows. */
export interface FaultRequest {
  operation: string;
  /** The request body parsed as JSON (every protocol here is AWS JSON). */
  input: Record<string, unknown>;
  random: Random;
}

/**
 * One way AWS fails a request, in its wire format. `before` answers instead of the emulator, given
 * a way to forward a (possibly rewritten) input; `after` replaces the emulator's answer once the
 * work is done. Only errors AWS can give after doing the work (5xx, entries reported failed) have
 * an `after`: a throttle or a transaction conflict never follows a completed write.
 */
export interface AwsFault {
  readonly name: string;
  appliesTo(operation: string): boolean;
  before(request: FaultRequest, forward: (input: unknown) => Promise<WireResponse>): Promise<WireResponse>;
  after?(request: FaultRequest, upstream: WireResponse): WireResponse;
}

const jsonResponse = (
  contentType: string,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): WireResponse => ({
  status,
  headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...headers },
  body: JSON.stringify(payload),
});

const anyOperation = () => true;

/** An error that is the same whether it replaces the work or follows it. */
const plainError = (
  name: string,
  answer: (request: FaultRequest) => WireResponse,
  options: { canFollowWork: boolean; appliesTo?: (operation: string) => boolean },
): AwsFault => ({
  name,
  appliesTo: options.appliesTo ?? anyOperation,
  before: async (request) => answer(request),
  ...(options.canFollowWork ? { after: (request: FaultRequest) => answer(request) } : {}),
});

// DynamoDB: AWS JSON 1.0; `__type` carries the versioned namespace, which the SDK strips.
const DYNAMODB_JSON = 'application/x-amz-json-1.0';
const dynamoDbError = (name: string, status: number, message: string) =>
  jsonResponse(DYNAMODB_JSON, status, { __type: `com.amazonaws.dynamodb.v20120810#${name}`, message });
const isTransaction = (operation: string) =>
  operation === 'TransactWriteItems' || operation === 'TransactGetItems';

/** A transaction cancelled because another one holds one of its items: one reason per item. */
const transactionConflict = ({ input, random }: FaultRequest): WireResponse => {
  const items = Array.isArray(input.TransactItems) ? input.TransactItems.length : 1;
  const conflicting = randomInt(random, 0, Math.max(items, 1) - 1);
  const reasons = Array.from({ length: Math.max(items, 1) }, (_, index) =>
    index === conflicting
      ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
      : { Code: 'None' },
  );
  return jsonResponse(DYNAMODB_JSON, 400, {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    CancellationReasons: reasons,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
  });
};

const DYNAMODB_FAULTS: readonly AwsFault[] = [
  plainError(
    'ProvisionedThroughputExceededException',
    () =>
      dynamoDbError(
        'ProvisionedThroughputExceededException',
        400,
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      ),
    { canFollowWork: false },
  ),
  plainError(
    'ThrottlingException',
    () => dynamoDbError('ThrottlingException', 400, 'Rate of requests exceeds the allowed throughput.'),
    { canFollowWork: false },
  ),
  plainError(
    'InternalServerError',
    () => dynamoDbError('InternalServerError', 500, 'Internal server error'),
    {
      canFollowWork: true,
    },
  ),
  plainError('TransactionConflict', transactionConflict, { canFollowWork: false, appliesTo: isTransaction }),
];

// EventBridge: AWS JSON 1.1, bare `__type` codes.
const EVENTBRIDGE_JSON = 'application/x-amz-json-1.1';
const eventBridgeError = (name: string, status: number, message: string) =>
  jsonResponse(EVENTBRIDGE_JSON, status, { __type: name, message }, { 'x-amzn-errortype': name });

interface PutEventsEntryResult {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** Entry failures PutEvents reports with a 200; both are the retryable ones AWS documents. */
const ENTRY_FAILURES = [
  { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Failure' },
  { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
] as const;

/** Which entries fail: each with even odds, at least one. */
const failingEntries = (random: Random, count: number): Set<number> => {
  const failing = new Set<number>();
  for (let index = 0; index < count; index++) if (random() < 0.5) failing.add(index);
  if (failing.size === 0 && count > 0) failing.add(randomInt(random, 0, count - 1));
  return failing;
};

const entryFailure = (random: Random): PutEventsEntryResult =>
  ENTRY_FAILURES[randomInt(random, 0, ENTRY_FAILURES.length - 1)] ?? ENTRY_FAILURES[0];

const putEventsAnswer = (entries: PutEventsEntryResult[]): WireResponse =>
  jsonResponse(EVENTBRIDGE_JSON, 200, {
    Entries: entries,
    FailedEntryCount: entries.filter((entry) => entry.ErrorCode !== undefined).length,
  });

const parseEntries = (response: WireResponse): PutEventsEntryResult[] | undefined => {
  try {
    const parsed = JSON.parse(response.body.toString()) as { Entries?: PutEventsEntryResult[] };
    return Array.isArray(parsed.Entries) ? parsed.Entries : undefined;
  } catch {
    return undefined;
  }
};

/**
 * PutEvents answering 200 with `FailedEntryCount` > 0. Before forwarding, the failed entries are
 * left out of what reaches the bus (AWS did not accept them); after, they were published and are
 * only reported failed, so a caller that retries them publishes them twice.
 */
const putEventsFailedEntries: AwsFault = {
  name: 'PutEventsFailedEntries',
  appliesTo: (operation) => operation === 'PutEvents',
  async before({ input, random }, forward) {
    const entries: unknown[] = Array.isArray(input.Entries) ? input.Entries : [];
    const failing = failingEntries(random, entries.length);
    const accepted = entries.filter((_, index) => !failing.has(index));
    let acceptedResults: PutEventsEntryResult[] = [];
    if (accepted.length > 0) {
      const upstream = await forward({ ...input, Entries: accepted });
      const parsed = parseEntries(upstream);
      if (upstream.status !== 200 || parsed === undefined) return upstream;
      acceptedResults = parsed;
    }
    let next = 0;
    return putEventsAnswer(
      entries.map((_, index) =>
        failing.has(index) ? entryFailure(random) : (acceptedResults[next++] ?? entryFailure(random)),
      ),
    );
  },
  after({ random }, upstream) {
    const results = parseEntries(upstream);
    if (upstream.status !== 200 || results === undefined) return upstream;
    const failing = failingEntries(random, results.length);
    return putEventsAnswer(
      results.map((result, index) => (failing.has(index) ? entryFailure(random) : result)),
    );
  },
};

const EVENTBRIDGE_FAULTS: readonly AwsFault[] = [
  plainError('ThrottlingException', () => eventBridgeError('ThrottlingException', 400, 'Rate exceeded'), {
    canFollowWork: false,
  }),
  plainError(
    'InternalException',
    () => eventBridgeError('InternalException', 500, 'An internal error occurred.'),
    { canFollowWork: true },
  ),
  putEventsFailedEntries,
];

// SQS: AWS JSON 1.0 in query-compatible mode (our pinned SDK); `x-amzn-query-error` carries the
// query-protocol code and fault side, which the SDK reads first. Status codes are the model's.
const SQS_JSON = 'application/x-amz-json-1.0';
const sqsError = (name: string, status: number, side: 'Sender' | 'Receiver', message: string) =>
  jsonResponse(
    SQS_JSON,
    status,
    { __type: `com.amazonaws.sqs#${name}`, message },
    { 'x-amzn-query-error': `${name};${side}` },
  );

const SQS_FAULTS: readonly AwsFault[] = [
  plainError('RequestThrottled', () => sqsError('RequestThrottled', 403, 'Sender', 'Request is throttled.'), {
    canFollowWork: false,
  }),
  plainError(
    'InternalFailure',
    () =>
      sqsError(
        'InternalFailure',
        500,
        'Receiver',
        'The request processing has failed because of an unknown error, exception or failure.',
      ),
    { canFollowWork: true },
  ),
];

/** Every fault each service can inject, by the name used in configuration and counters. */
export const AWS_FAULTS: Record<AwsService, readonly AwsFault[]> = {
  dynamodb: DYNAMODB_FAULTS,
  eventbridge: EVENTBRIDGE_FAULTS,
  sqs: SQS_FAULTS,
};

/** `X-Amz-Target` prefixes, which name the operation of every JSON-protocol request. */
export const TARGET_PREFIXES: Record<AwsService, string> = {
  dynamodb: 'DynamoDB_20120810.',
  eventbridge: 'AWSEvents.',
  sqs: 'AmazonSQS.',
};
