import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError, ServiceUnavailableError } from '../errors.js';
import { createLogger } from '../logger.js';
import { httpEvent, lambdaContext, signedInAs, verifyTestToken } from '../testing/index.js';
import { captureLogLines } from '../testing/log-lines.js';
import * as z from '../zod.js';
import { httpHandler } from './http-handler.js';

const logger = createLogger('shared-test');

const echo = httpHandler(
  {
    logger,
    access: 'public',
    maxBodyBytes: 1024,
    request: {
      body: z.strictObject({
        name: z.string().check(z.minLength(1)),
        price: z.number().check(z.int(), z.nonnegative()),
      }),
      path: z.object({ id: z.uuid() }),
      query: z.object({ limit: z._default(z.coerce.number().check(z.int(), z.maximum(10)), 5) }),
    },
  },
  async ({ body, path, query, correlationId }) => ({
    status: 200,
    body: { body, path, query, correlationId },
  }),
);

const id = '0b0d7a8e-5a4b-4c43-9a58-6b8f7c2d1e00';
const invoke = (event: ReturnType<typeof httpEvent>) => echo(event, lambdaContext());
const problemOf = (response: { body?: string }) => JSON.parse(response.body ?? '{}');

describe('httpHandler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the Lambda request and the correlation id on every line logged while handling it', async () => {
    const logged = captureLogLines();
    const loggingLogger = createLogger('shared-test', { logLevel: 'INFO' });
    const handler = httpHandler({ logger: loggingLogger, access: 'public', request: {} }, async () => {
      loggingLogger.info('handled');
      return { status: 204 };
    });

    await handler(httpEvent({ headers: { 'X-Correlation-Id': 'abc-123' } }), lambdaContext('getProduct'));

    expect(logged.lines()).toEqual([
      expect.objectContaining({
        message: 'handled',
        function_name: 'getProduct',
        function_request_id: 'test-aws-request-id',
        correlation_id: 'abc-123',
      }),
    ]);
  });

  it('forgets the keys a request added to the log before the next request', async () => {
    const logged = captureLogLines();
    const loggingLogger = createLogger('shared-test', { logLevel: 'INFO' });
    let requests = 0;
    const handler = httpHandler({ logger: loggingLogger, access: 'public', request: {} }, async () => {
      requests += 1;
      if (requests === 1) loggingLogger.appendKeys({ basket_lines: 3 });
      loggingLogger.info('handled');
      return { status: 204 };
    });

    await handler(httpEvent(), lambdaContext());
    await handler(httpEvent(), lambdaContext());

    const [first, second] = logged.lines();
    expect(first).toMatchObject({ basket_lines: 3 });
    expect(second).not.toHaveProperty('basket_lines');
  });

  it('answers 503 while it still can when a dependency outlasts the function’s time', async () => {
    const stuck = httpHandler({ logger, access: 'public', request: {} }, () => new Promise(() => undefined));
    // 1.3 s left: the answer must come 1 s (INVOCATION_RESERVE_MS) before Lambda would end the function.
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 1300 };
    const started = Date.now();

    const response = await stuck(httpEvent(), context);

    expect(response.statusCode).toBe(503);
    expect(problemOf(response)).toMatchObject({
      detail: 'A dependency is too slow right now; retry shortly',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers an event without headers (a direct invocation) as the client’s mistake, not a crash', async () => {
    const { headers: _, ...headless } = httpEvent({ method: 'POST', body: { name: 'Mug', price: 1 } });
    const event = (extra = {}) => ({ ...headless, ...extra }) as unknown as ReturnType<typeof httpEvent>;
    const signedInOnly = httpHandler(
      { logger, access: 'user', verifyToken: verifyTestToken, request: {} },
      async () => ({ status: 204 }),
    );

    expect((await invoke(event({ pathParameters: { id } }))).statusCode).toBe(415);
    expect((await signedInOnly(event(), lambdaContext())).statusCode).toBe(401);
  });

  it('ignores Prefer on an endpoint without a body', async () => {
    const bodiless = httpHandler({ logger, access: 'public', request: {} }, async () => ({ status: 204 }));

    const response = await bodiless(httpEvent({ headers: { prefer: 'handling=strict' } }), lambdaContext());

    expect(response.statusCode).toBe(204);
    expect(response.headers?.['preference-applied']).toBeUndefined();
  });

  it('passes parsed, defaulted input to the handler and answers JSON', async () => {
    const response = await invoke(
      httpEvent({ method: 'POST', body: { name: 'Mug', price: 1299 }, pathParameters: { id } }),
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(response.body ?? '')).toEqual({
      body: { name: 'Mug', price: 1299 },
      path: { id },
      query: { limit: 5 },
      correlationId: 'test-aws-request-id',
    });
  });

  it('echoes a client correlation id and replaces an unsafe one', async () => {
    const given = await invoke(
      httpEvent({
        body: { name: 'a', price: 1 },
        pathParameters: { id },
        headers: { 'X-Correlation-Id': 'abc-123' },
      }),
    );
    const unsafe = await invoke(
      httpEvent({
        body: { name: 'a', price: 1 },
        pathParameters: { id },
        headers: { 'x-correlation-id': '<script>' },
      }),
    );

    expect(given.headers?.['x-correlation-id']).toBe('abc-123');
    expect(unsafe.headers?.['x-correlation-id']).toBe('test-aws-request-id');
  });

  it.each([
    ['malformed JSON', httpEvent({ body: '{"name":', pathParameters: { id } }), 400, 'bad-request'],
    ['no body', httpEvent({ pathParameters: { id } }), 400, 'bad-request'],
    [
      'a form body',
      httpEvent({
        body: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        pathParameters: { id },
      }),
      415,
      'unsupported-media-type',
    ],
    [
      'a body over the limit',
      httpEvent({ body: { name: 'x'.repeat(2000), price: 1 }, pathParameters: { id } }),
      413,
      'payload-too-large',
    ],
    [
      'a bad path id',
      httpEvent({ body: { name: 'a', price: 1 }, pathParameters: { id: 'nope' } }),
      400,
      'validation-error',
    ],
    [
      'a bad query',
      httpEvent({ body: { name: 'a', price: 1 }, pathParameters: { id }, query: { limit: 'many' } }),
      400,
      'validation-error',
    ],
    [
      'a wrong type in the body',
      httpEvent({ body: { name: 'a', price: 1.5 }, pathParameters: { id } }),
      422,
      'validation-error',
    ],
  ])('answers %s with problem+json', async (_, event, status, type) => {
    const response = await invoke(event);

    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toMatchObject({ status, type: `https://problems.eshop.example/${type}` });
  });

  it('names every failing field with a JSON pointer, unknown ones too under Prefer: handling=strict', async () => {
    const response = await invoke(
      httpEvent({
        body: { name: '', price: -1, colour: 'red' },
        pathParameters: { id },
        headers: { prefer: 'handling=strict' },
      }),
    );

    expect(response.statusCode).toBe(422);
    expect(response.headers?.['preference-applied']).toBe('handling=strict');
    const pointers = problemOf(response).errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/name', '#/price', '#/colour']));
  });

  it('ignores unknown fields by default, and says so only when asked', async () => {
    const body = { name: 'Mug', price: 1, colour: 'red' };
    const lenient = await invoke(httpEvent({ body, pathParameters: { id } }));
    const asked = await invoke(
      httpEvent({ body, pathParameters: { id }, headers: { prefer: 'handling=lenient' } }),
    );
    const strict = await invoke(
      httpEvent({ body, pathParameters: { id }, headers: { prefer: 'handling=strict' } }),
    );

    expect(lenient.statusCode).toBe(200);
    expect(JSON.parse(lenient.body ?? '').body).toEqual({ name: 'Mug', price: 1 });
    expect(lenient.headers?.['preference-applied']).toBeUndefined();
    expect(asked.headers?.['preference-applied']).toBe('handling=lenient');
    expect(strict.statusCode).toBe(422);
    expect(problemOf(strict).errors).toEqual([{ in: 'body', pointer: '#/colour', detail: 'Unknown field' }]);
  });

  it('keeps what it declared on the handler, for the API description', () => {
    expect(echo.contract).toMatchObject({ access: 'public', maxBodyBytes: 1024 });
    expect(Object.keys(echo.contract.request)).toEqual(['body', 'path', 'query']);
  });

  it.each([
    [new NotFoundError('Product x not found'), 404, 'Product x not found'],
    [new ConflictError('Basket is empty'), 409, 'Basket is empty'],
    [new PreconditionFailedError('Product x is at version 3'), 412, 'Product x is at version 3'],
    [new ServiceUnavailableError('Bus down', 3), 503, 'Bus down'],
  ])('maps %s to its status', async (error, status, detail) => {
    const failing = httpHandler({ logger, access: 'public', request: {} }, async () => {
      throw error;
    });

    const response = await failing(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(status);
    expect(problemOf(response).detail).toBe(detail);
    if (status === 503) expect(response.headers?.['retry-after']).toBe('3');
  });

  it('adds the extension members of a conflict to its problem, never over the standard ones', async () => {
    const failing = httpHandler({ logger, access: 'public', request: {} }, async () => {
      throw new ConflictError('Checkout c-1 is pending', {
        members: { reason: 'checkout-pending', checkoutId: 'c-1', status: '200', type: 'x' },
      });
    });

    const response = await failing(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toEqual({
      type: 'https://problems.eshop.example/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Checkout c-1 is pending',
      reason: 'checkout-pending',
      checkoutId: 'c-1',
    });
    expect(Object.keys(problemOf(response)).slice(0, 4)).toEqual(['type', 'title', 'status', 'detail']);
  });

  it('hides the message and stack of unexpected errors', async () => {
    const failing = httpHandler({ logger, access: 'public', request: {} }, async () => {
      throw new Error('connection string postgres://secret@db');
    });

    const response = await failing(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('at ');
    expect(problemOf(response).title).toBe('Internal server error');
  });

  it('maps an unreachable AWS endpoint to 503 with Retry-After', async () => {
    const failing = httpHandler({ logger, access: 'public', request: {} }, async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    });

    const response = await failing(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
  });

  it('answers 204 without a body or content type, keeping the handler’s headers', async () => {
    const deleting = httpHandler({ logger, access: 'public', request: {} }, async () => ({
      status: 204,
      headers: { ETag: '"3"' },
    }));

    const response = await deleting(httpEvent({ method: 'DELETE' }), lambdaContext());

    expect(response.statusCode).toBe(204);
    expect(response.body).toBeUndefined();
    expect(response.headers?.['content-type']).toBeUndefined();
    expect(response.headers?.etag).toBe('"3"');
  });

  /** A request from the shop's web page, with the body given (or none). */
  const fromTheShop = (body?: unknown) =>
    httpEvent({ body, pathParameters: { id }, headers: { origin: 'https://shop.example' } });

  it('writes every response header in lower case', async () => {
    const response = await invoke(fromTheShop({ name: 'a', price: 1 }));

    const names = Object.keys(response.headers ?? {});
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => name !== name.toLowerCase())).toEqual([]);
  });

  it('adds CORS and security headers to successes and errors alike', async () => {
    const good = await invoke(fromTheShop({ name: 'a', price: 1 }));
    const bad = await invoke(fromTheShop());

    for (const response of [good, bad]) {
      expect(response.headers?.['access-control-allow-origin']).toBe('*');
      expect(response.headers?.['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('httpHandler authentication', () => {
  const whoAmI = (access: 'user' | 'admin') =>
    httpHandler({ logger, access, verifyToken: verifyTestToken, request: {} }, async ({ identity }) => ({
      status: 200,
      body: identity,
    }));

  it('is secure by default: an endpoint that does not say public needs a verifier', async () => {
    const logged = captureLogLines();
    const loggingLogger = createLogger('shared-test', { logLevel: 'INFO' });
    const forgotten = httpHandler({ logger: loggingLogger, request: {} }, async () => ({
      status: 200,
      body: 'secret',
    }));

    const response = await forgotten(httpEvent({ headers: signedInAs('swn') }), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    // The operator, not the client, learns what is wrong.
    expect(response.body).not.toContain('verifier');
    expect(logged.text()).toContain('A protected endpoint was built without a token verifier');
  });

  it('passes the verified identity to the handler', async () => {
    const response = await whoAmI('user')(httpEvent({ headers: signedInAs('swn') }), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({ userName: 'swn', groups: [], isAdmin: false });
  });

  it.each([
    ['no Authorization header', {}],
    ['a non-bearer scheme', { authorization: 'Basic c3duOnB3' }],
    ['a token that does not verify', { authorization: 'Bearer aaa.bbb.ccc' }],
  ])('answers %s with 401 problem+json and a WWW-Authenticate challenge', async (_, headers) => {
    const response = await whoAmI('user')(httpEvent({ headers }), lambdaContext());

    expect(response.statusCode).toBe(401);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 403 to a signed-in non-admin on an admin endpoint, 200 to an admin', async () => {
    const user = await whoAmI('admin')(httpEvent({ headers: signedInAs('swn') }), lambdaContext());
    const admin = await whoAmI('admin')(
      httpEvent({ headers: signedInAs('boss', { admin: true }) }),
      lambdaContext(),
    );

    expect(user.statusCode).toBe(403);
    expect(admin.statusCode).toBe(200);
  });

  it('checks the token before reading the body', async () => {
    const parsing = httpHandler(
      { logger, verifyToken: verifyTestToken, request: { body: z.object({ a: z.string() }) } },
      async () => ({ status: 200 }),
    );

    const response = await parsing(httpEvent({ body: '{"broken json' }), lambdaContext());

    expect(response.statusCode).toBe(401);
  });
});
