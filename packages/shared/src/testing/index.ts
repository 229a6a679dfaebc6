import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ADMIN_GROUP } from '../auth/identity.js';
import type { VerifyToken } from '../auth/jwt-verifier.js';
import { UnauthorizedError } from '../errors.js';

export interface HttpEventInput {
  method?: string;
  /** Raw path, e.g. `/product/42`. */
  path?: string;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
}

/**
 * Builds an API Gateway HTTP API (payload v2) event for unit tests of handlers.
 *
 * @example
 * const event = httpEvent({ method: 'POST', path: '/product', body: { name: 'Mug' } });
 */
export const httpEvent = ({
  method = 'GET',
  path = '/',
  body,
  headers = {},
  pathParameters,
  query,
}: HttpEventInput = {}): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: new URLSearchParams(query).toString(),
  headers: {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  },
  ...(pathParameters === undefined ? {} : { pathParameters }),
  ...(query === undefined ? {} : { queryStringParameters: query }),
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  isBase64Encoded: false,
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    requestId: 'test-request-id',
    routeKey: `${method} ${path}`,
    stage: '$default',
    time: new Date(0).toISOString(),
    timeEpoch: 0,
  },
});

/** A Lambda context good enough for middleware that reads it (logger). */
export const lambdaContext = (functionName = 'test-function'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '128',
  awsRequestId: 'test-aws-request-id',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * A stand-in token for unit tests of handlers: shaped like a JWT, carrying the user in clear and
 * accepted only by `verifyTestToken` (never by the real verifier: it has no valid signature).
 *
 * @example
 * httpEvent({ headers: { authorization: `Bearer ${testToken('swn')}` } })
 */
export const testToken = (userName: string, { admin = false } = {}): string =>
  `test.${Buffer.from(JSON.stringify({ userName, groups: admin ? [ADMIN_GROUP] : [] })).toString('base64url')}.unsigned`;

/** The `VerifyToken` that accepts `testToken`s, for handler unit tests without an issuer. */
export const verifyTestToken: VerifyToken = async (token) => {
  const [kind, payload] = token.split('.');
  if (kind !== 'test' || payload === undefined) throw new UnauthorizedError('Not a test token');
  // Like the real verifier, anything that is not a well-formed token is a 401, never a crash.
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    throw new UnauthorizedError('Not a test token', { cause: error });
  }
  const { userName, groups } = (claims ?? {}) as { userName?: unknown; groups?: unknown };
  if (typeof userName !== 'string' || !Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) {
    throw new UnauthorizedError('Not a test token');
  }
  return { userName, groups, isAdmin: groups.includes(ADMIN_GROUP) };
};

/** Request headers carrying a test token for `userName`. */
export const signedInAs = (userName: string, options: { admin?: boolean } = {}): Record<string, string> => ({
  authorization: `Bearer ${testToken(userName, options)}`,
});
export { aCheckout, envelopeOf } from './checkout-basket.js';
export { originalClientCheckoutBody } from './original-client.js';

/** One data point of a CloudWatch Embedded Metric Format log line. */
export interface LoggedMetric {
  namespace: string;
  name: string;
  value: unknown;
  dimensions: Record<string, unknown>;
}

const isEmf = (
  entry: unknown,
): entry is { _aws: { CloudWatchMetrics: unknown[] } } & Record<string, unknown> =>
  typeof entry === 'object' &&
  entry !== null &&
  Array.isArray((entry as { _aws?: { CloudWatchMetrics?: unknown } })._aws?.CloudWatchMetrics);

/**
 * The metrics in log lines, read the way CloudWatch reads Embedded Metric Format: each metric
 * named in `_aws.CloudWatchMetrics` with its value and its dimensions' values from the same line.
 * Lines that are not EMF (ordinary log lines) are skipped.
 *
 * @example
 * expect(metricsIn(lines)).toContainEqual(expect.objectContaining({ name: 'OrdersPlaced', value: 1 }));
 */
export const metricsIn = (lines: readonly string[]): LoggedMetric[] =>
  lines.flatMap((line) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return [];
    }
    if (!isEmf(entry)) return [];
    return (
      entry._aws.CloudWatchMetrics as {
        Namespace: string;
        Dimensions: string[][];
        Metrics: { Name: string }[];
      }[]
    ).flatMap(({ Namespace, Dimensions, Metrics }) =>
      Metrics.map(({ Name }) => ({
        namespace: Namespace,
        name: Name,
        value: entry[Name],
        dimensions: Object.fromEntries((Dimensions[0] ?? []).map((key) => [key, entry[key]])),
      })),
    );
  });

/**
 * Records every line this process writes to stdout (where Lambda's log lines and EMF metrics go)
 * until `stop()`, still passing them through.
 *
 * @example
 * const stdout = captureStdout();
 * await handler(event, context);
 * expect(metricsIn(stdout.stop())).toHaveLength(1);
 */
export const captureStdout = (): { lines: () => string[]; stop: () => string[] } => {
  const written: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (original as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
  return {
    lines,
    stop: () => {
      process.stdout.write = original;
      return lines();
    },
  };
};
