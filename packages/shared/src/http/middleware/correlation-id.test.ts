import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger.js';
import { httpEvent, lambdaContext } from '../../testing/index.js';
import { httpHandler } from '../http-handler.js';

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

const respond = (status: number) =>
  httpHandler({ logger: createLogger('correlation-test'), access: 'public', request: {} }, async () => {
    if (status >= 400) throw Object.assign(new Error('boom'), { name: 'Boom' });
    return { status, body: { ok: true } };
  });

const correlationIdOf = async (headers: Record<string, string>, awsRequestId = 'test-aws-request-id') => {
  const response = await respond(200)(httpEvent({ headers }), { ...lambdaContext(), awsRequestId });
  return response.headers?.['x-correlation-id'];
};

afterEach(() => vi.restoreAllMocks());

describe('correlationId', () => {
  it('keeps a client id of up to 128 letters, digits and . : - _', async () => {
    const longest = 'a'.repeat(128);

    expect(await correlationIdOf({ 'x-correlation-id': 'order-42:retry.1_a' })).toBe('order-42:retry.1_a');
    expect(await correlationIdOf({ 'x-correlation-id': longest })).toBe(longest);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['empty', ''],
    ['with a space', 'order 42'],
    ['with markup', '<script>'],
    ['with a line break', 'a\nb'],
  ])('replaces a client id that is %s by the Lambda request id', async (_, id) => {
    expect(await correlationIdOf({ 'x-correlation-id': id })).toBe('test-aws-request-id');
  });

  it('makes up a UUID when the Lambda request id is unusable too', async () => {
    expect(await correlationIdOf({}, 'not safe')).toMatch(UUID);
    expect(await correlationIdOf({}, '')).toMatch(UUID);
  });

  it('makes up a UUID when there is no Lambda request id at all (a caller other than Lambda)', async () => {
    const context = { ...lambdaContext(), awsRequestId: undefined as unknown as string };

    const response = await respond(200)(httpEvent(), context);

    expect(response.headers?.['x-correlation-id']).toMatch(UUID);
  });

  it('answers it on errors too', async () => {
    const response = await respond(500)(
      httpEvent({ headers: { 'x-correlation-id': 'trace-me' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(500);
    expect(response.headers?.['x-correlation-id']).toBe('trace-me');
  });

  it('puts it on every log line of the request', async () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const logger = createLogger('correlation-test', { logLevel: 'INFO' });
    const failing = httpHandler({ logger, access: 'public', request: {} }, async () => {
      throw new Error('boom');
    });

    await failing(httpEvent({ headers: { 'x-correlation-id': 'trace-me' } }), lambdaContext());

    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ correlation_id: 'trace-me' });
  });
});
