import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { HttpHandler } from '../http/http-handler.js';
import { httpEvent, lambdaContext, signedInAs } from './index.js';

/**
 * Generated requests per endpoint and property: 500 in `pnpm test`; raise it for a longer hunt,
 * e.g. `FUZZ_RUNS=5000 pnpm exec vitest run --project product`.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** A fixed seed when `FUZZ_SEED` is set, to replay a failure fast-check reported. */
export const fuzzParameters = (numRuns = FUZZ_RUNS): fc.Parameters<unknown> => ({
  numRuns,
  ...(process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) }),
});

/** Numbers at and beyond the edges: zero, negatives, 2^53, the largest doubles, fractions. */
export const boundaryNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Strings that break naive code: numbers in disguise, unicode, control characters, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'NaN',
    'Infinity',
    '-0',
    '1e308',
    '1e309',
    '0x10',
    '9007199254740993',
    'null',
    'undefined',
    'true',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\ud800',
    '\udfff',
    '👩‍👩‍👧‍👦🚀',
    'Ωmega',
    '\u202eevil',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '{"$ne":null}',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u007f'),
    maxLength: 8,
  }),
  fc.integer({ min: 100, max: 70_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 10, max: 3_000 }).map((n) => '😀'.repeat(n)),
);

/** Any JSON value, weighted towards the ones validation code gets wrong. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: boundaryNumber },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[[[[]]]]], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Json = Record<string, unknown>;

/**
 * A valid-looking object broken in one or two ways: a field dropped, a field of the wrong type or
 * value, an unknown field added, or (recursively) the same inside a nested object or array.
 */
export const mutatedObject = (valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> => {
  const mutateOnce = (value: unknown, depth: number): fc.Arbitrary<unknown> => {
    if (Array.isArray(value)) {
      if (value.length === 0 || depth > 3) return fc.oneof(hostileJson, fc.constant([value, value]));
      return fc.nat({ max: value.length - 1 }).chain((index) =>
        fc.oneof(
          mutateOnce(value[index], depth + 1).map((item) => value.map((v, i) => (i === index ? item : v))),
          fc.constant(value.filter((_, i) => i !== index)),
          fc.constant(Array.from({ length: 60 }, () => value[index])),
        ),
      );
    }
    if (value === null || typeof value !== 'object') return hostileJson;
    const keys = Object.keys(value);
    const object = value as Json;
    return fc.oneof(
      // drop a field
      keys.length === 0
        ? fc.constant({})
        : fc
            .constantFrom(...keys)
            .map((key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key))),
      // replace a field's value
      keys.length === 0
        ? hostileJson.map((v) => ({ x: v }))
        : fc
            .constantFrom(...keys)
            .chain((key) => mutateOnce(object[key], depth + 1).map((v) => ({ ...object, [key]: v }))),
      // add an unknown field
      fc
        .tuple(fc.oneof(hostileString, fc.constantFrom('id', 'version', 'createdAt', 'sk')), hostileJson)
        .map(([key, v]) => ({ ...object, [key]: v })),
    );
  };
  return valid.chain((object) =>
    fc.oneof(
      mutateOnce(object, 0),
      mutateOnce(object, 0).chain((once) => mutateOnce(once, 0)),
    ),
  );
};

const JSON_CONTENT_TYPE = 'application/json';

/** How a body is put on the wire: JSON, broken JSON, base64, oversized, or not at all. */
interface WireBody {
  body?: string;
  isBase64Encoded?: boolean;
  contentType?: string;
  label: string;
}

const bodyOnTheWire = (valid: fc.Arbitrary<Json> | undefined): fc.Arbitrary<WireBody> => {
  const validBody = valid ?? fc.constant({});
  const json = (label: string) => (value: unknown) => ({ body: JSON.stringify(value) ?? 'null', label });
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant(JSON_CONTENT_TYPE) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'Application/JSON',
        'application/vnd.eshop+json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonp',
        'json',
        '',
      ),
    },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const body = fc.oneof(
    { weight: 5, arbitrary: validBody.map(json('valid')) },
    { weight: 8, arbitrary: mutatedObject(validBody).map(json('mutated')) },
    { weight: 2, arbitrary: hostileJson.map(json('hostile')) },
    {
      weight: 2,
      arbitrary: fc.tuple(validBody, fc.nat()).map(([value, cut]) => {
        const text = JSON.stringify(value);
        return { body: text.slice(0, cut % Math.max(text.length, 1)), label: 'truncated' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"price":1e309}',
          '{"quantity":-0}',
          "{'single':'quotes'}",
          '{"a":1,}',
          '[1,2',
          '\ufeff{}',
          '{"__proto__":{"admin":true}}',
          'NaN',
          '{"a":"\\ud800"}',
        )
        .map((text) => ({ body: text, label: 'raw' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          validBody.map((v) => JSON.stringify(v)),
          fc.string(),
        )
        .map((text) => ({
          body: Buffer.from(text).toString('base64'),
          isBase64Encoded: true,
          label: 'base64',
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 17 * 1024, max: 200 * 1024 })
        .map((n) => ({ body: JSON.stringify({ name: 'x'.repeat(n) }), label: 'oversized' })),
    },
    { weight: 1, arbitrary: fc.constant({ label: 'no body' }) },
  );
  return fc
    .tuple(body, contentType)
    .map(([b, type]) => (type === undefined ? b : { ...b, contentType: type }));
};

/** Who is calling: mostly a valid identity from `identities`, sometimes nobody or a forged token. */
const authorization = (
  identities: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<{ headers: Record<string, string>; label: string }> =>
  fc.oneof(
    { weight: 16, arbitrary: identities.map((headers) => ({ headers, label: 'signed in' })) },
    { weight: 1, arbitrary: fc.constant({ headers: {}, label: 'no token' }) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic dXNlcjpwYXNz',
            'Bearer a.b.c',
            'Bearer test.!!!.unsigned',
            `Bearer test.${Buffer.from('{"userName":1}').toString('base64url')}.unsigned`,
            `Bearer test.${Buffer.from('null').toString('base64url')}.unsigned`,
            `Bearer test.${Buffer.from('{"userName":"x","groups":"admin"}').toString('base64url')}.unsigned`,
          ),
          hostileString.map((s) => `Bearer ${s}`),
        )
        .map((value) => ({ headers: { authorization: value }, label: 'forged token' })),
    },
  );

/** An opaque pagination cursor: shaped like ours (base64url JSON), or any string at all. */
export const fuzzedCursor = (keyNames: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .dictionary(fc.oneof(fc.constantFrom(...keyNames), fc.string({ maxLength: 4 })), hostileJson, {
        maxKeys: keyNames.length + 1,
      })
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    fc
      .subarray(keyNames, { minLength: 1 })
      .chain((names) =>
        fc
          .tuple(...names.map(() => fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }), hostileString)))
          .map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]]))),
      )
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    hostileString,
  );

/** A query parameter's value: a plausible one, a hostile one, or a boundary number as text. */
const queryValue = (plausible: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: boundaryNumber.map(String) },
  );

export interface FuzzedEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Route path, e.g. `/product/{id}`; `{name}` placeholders are path parameters. */
  route: string;
  /** Plausible values of each path parameter; hostile ones are mixed in. */
  pathParameters?: Record<string, fc.Arbitrary<string>>;
  /** Plausible values of each query parameter; hostile ones and unknown ones are mixed in. */
  query?: Record<string, fc.Arbitrary<string>>;
  /** A valid body for this endpoint; mutated, broken and re-encoded versions are mixed in. */
  body?: fc.Arbitrary<Json>;
  /** Auth headers of identities that get past authentication (see `signedInAs`). */
  identities?: fc.Arbitrary<Record<string, string>>;
  /** Extra request headers (e.g. `if-match`), sometimes sent. */
  headers?: Record<string, fc.Arbitrary<string>>;
}

export interface FuzzedRequest {
  event: APIGatewayProxyEventV2;
  /** What kind of request this is (`signed in, mutated body, ...`), for reports. */
  label: string;
}

/**
 * API Gateway HTTP API events for one endpoint: mostly signed in and close to valid, so most get
 * past authentication and reach validation, with wrong types, boundary numbers, hostile strings,
 * missing and unknown fields, bad path ids and cursors, wrong content types, broken and oversized
 * bodies mixed in.
 *
 * @example
 * fc.assert(fc.asyncProperty(fuzzedRequest({ method: 'GET', route: '/product' }), async ({ event }) => {
 *   expect(responseProblems(await handler(event, lambdaContext()))).toEqual([]);
 * }));
 */
export const fuzzedRequest = (endpoint: FuzzedEndpoint): fc.Arbitrary<FuzzedRequest> => {
  const {
    method,
    route,
    pathParameters = {},
    query = {},
    body,
    identities = fc.constant(signedInAs('fuzzer')),
    headers = {},
  } = endpoint;
  const pathNames = Object.keys(pathParameters);
  const path = fc.record(
    Object.fromEntries(
      pathNames.map((name) => [
        name,
        fc.oneof(
          { weight: 6, arbitrary: pathParameters[name] as fc.Arbitrary<string> },
          { weight: 3, arbitrary: hostileString },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
      ]),
    ),
  );
  const queryNames = Object.keys(query);
  const queryString = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.record(
            Object.fromEntries(
              queryNames.map((name) => [name, queryValue(query[name] as fc.Arbitrary<string>)]),
            ),
            { requiredKeys: [] },
          ),
          fc.dictionary(
            fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'limit[]')),
            hostileString,
            {
              maxKeys: 2,
            },
          ),
          fc.boolean(),
        )
        .map(([known, unknown, withUnknown]) => ({ ...(withUnknown ? unknown : {}), ...known })),
    },
  );
  const extraHeaders = fc.record(
    Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, fc.oneof(value, hostileString)]),
    ),
    { requiredKeys: [] },
  );
  const wantsBody = method === 'POST' || method === 'PUT';
  const wire = wantsBody
    ? bodyOnTheWire(body)
    : fc.oneof(fc.constant<WireBody>({ label: 'no body' }), bodyOnTheWire(body));
  return fc
    .tuple(path, queryString, wire, authorization(identities), extraHeaders)
    .map(([params, q, onWire, auth, extra]) => {
      const definedParams = Object.fromEntries(
        Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const rawPath = route.replace(/\{(\w+)\}/g, (_, name: string) =>
        // rawPath is cosmetic (handlers read pathParameters); lone surrogates cannot be URI-encoded.
        encodeURIComponent((definedParams[name] ?? '').replace(/[\ud800-\udfff]/g, '\ufffd')),
      );
      const event = httpEvent({
        method,
        path: rawPath,
        headers: {
          ...auth.headers,
          ...extra,
          ...(onWire.contentType === undefined ? {} : { 'content-type': onWire.contentType }),
        },
        ...(pathNames.length === 0 ? {} : { pathParameters: definedParams }),
        ...(q === undefined ? {} : { query: q as Record<string, string> }),
      });
      if (onWire.body !== undefined) {
        event.body = onWire.body;
        event.isBase64Encoded = onWire.isBase64Encoded === true;
      }
      if (onWire.contentType === undefined) delete event.headers['content-type'];
      return { event, label: `${auth.label}, ${onWire.label}` };
    });
};

const STACK_TRACE = /\n\s+at |\bat [\w.<>]+ \(|\.(?:ts|js|mjs):\d+/;
const INTERNALS =
  /ValidationException|ConditionalCheckFailed|ResourceNotFound|TypeError|SyntaxError|undefined is not/;

/**
 * What is wrong with a response by the rules every endpoint follows (empty when nothing): no 5xx;
 * every 4xx is `application/problem+json` with RFC 9457's type, title, status and detail; no
 * stack trace or internal error name in any body.
 */
export const responseProblems = (response: APIGatewayProxyResultV2): string[] => {
  if (typeof response === 'string') return ['the handler returned a bare string'];
  const problems: string[] = [];
  const status = response.statusCode ?? 0;
  const body = response.body ?? '';
  if (status >= 500 || status < 200) problems.push(`status ${status}: ${body.slice(0, 300)}`);
  if (STACK_TRACE.test(body)) problems.push('the body carries a stack trace');
  if (INTERNALS.test(body)) problems.push(`the body names an internal error: ${body.slice(0, 300)}`);
  if (status >= 400) {
    if (response.headers?.['content-type'] !== 'application/problem+json') {
      problems.push(`status ${status} with content-type ${response.headers?.['content-type']}`);
    }
    let problem: Record<string, unknown> = {};
    try {
      problem = JSON.parse(body);
    } catch {
      problems.push('the problem body is not JSON');
    }
    if (typeof problem.type !== 'string' || !/^https?:\/\//.test(problem.type))
      problems.push('no problem type URI');
    if (typeof problem.title !== 'string' || problem.title === '') problems.push('no problem title');
    if (problem.status !== status) problems.push(`problem status ${problem.status} is not ${status}`);
    if (typeof problem.detail !== 'string') problems.push('no problem detail');
  }
  return problems;
};

type HttpResponse = Awaited<ReturnType<HttpHandler>>;

/** What `fuzzEndpoint` does around each generated request, besides checking the answer. */
export interface FuzzHooks {
  /** Before the request: e.g. put back the data the endpoint works on. */
  beforeRequest?: () => Promise<void>;
  /** After an answer that broke none of the common rules: e.g. check what the endpoint wrote. */
  afterResponse?: (event: APIGatewayProxyEventV2, response: HttpResponse) => Promise<void> | void;
}

/**
 * Sends `fuzzParameters()` generated requests for `endpoint` to `handler`, in process, and checks
 * each answer against `responseProblems`, with the caller's hooks around each request. Answers how
 * many responses each status got (and logs it as `name` when `FUZZ_VERBOSE` is set).
 *
 * @example
 * const statuses = await fuzzEndpoint('list', listProductsHandler(deps), { method: 'GET', route: '/product' });
 * expect(successCount(statuses)).toBeGreaterThan(0);
 */
export const fuzzEndpoint = async (
  name: string,
  handler: HttpHandler,
  endpoint: FuzzedEndpoint,
  { beforeRequest, afterResponse }: FuzzHooks = {},
): Promise<Map<number, number>> => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fuzzedRequest(endpoint), async ({ event }) => {
      await beforeRequest?.();
      const response = await handler(event, lambdaContext());
      const status = response.statusCode ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(responseProblems(response)).toEqual([]);
      await afterResponse?.(event, response);
    }),
    fuzzParameters(),
  );
  if (process.env.FUZZ_VERBOSE) console.log(name, Object.fromEntries(statuses));
  return statuses;
};

/**
 * How many 2xx answers there were: a generator is useful only if it reaches the handler's logic,
 * not just its validation.
 */
export const successCount = (statuses: Map<number, number>): number =>
  [...statuses].filter(([status]) => status >= 200 && status < 300).reduce((n, [, count]) => n + count, 0);
