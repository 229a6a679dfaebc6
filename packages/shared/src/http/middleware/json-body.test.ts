import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { httpEvent, lambdaContext } from '../../testing/index.js';
import * as z from '../../zod.js';
import { httpHandler } from '../http-handler.js';

const echo = (maxBodyBytes?: number) =>
  httpHandler(
    {
      logger: createLogger('json-body-test'),
      access: 'public',
      maxBodyBytes,
      request: { body: z.object({ text: z.string() }) },
    },
    async ({ body }) => ({ status: 200, body }),
  );

const send = async (
  body: string | undefined,
  { contentType = 'application/json', base64 = false, maxBodyBytes = undefined as number | undefined } = {},
) => {
  const event = httpEvent({ method: 'POST', headers: { 'content-type': contentType } });
  const response = await echo(maxBodyBytes)(
    { ...event, ...(body === undefined ? {} : { body }), isBase64Encoded: base64 },
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null') };
};

describe('jsonBody', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/merge-patch+json',
    'application/vnd.eshop.v1+json',
  ])('reads a body sent as %s', async (contentType) => {
    expect(await send('{"text":"hi"}', { contentType })).toEqual({ status: 200, body: { text: 'hi' } });
  });

  it('decodes a base64 body first', async () => {
    const body = Buffer.from('{"text":"hé"}').toString('base64');

    expect(await send(body, { base64: true })).toEqual({ status: 200, body: { text: 'hé' } });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a JSON type with a prefix', 'text/application/json'],
    ['a JSON type with a suffix', 'application/jsonp'],
    ['a structured suffix other than JSON', 'application/vnd.eshop+xml'],
  ])('answers 415 to %s', async (_, contentType) => {
    expect(await send('{"text":"hi"}', { contentType })).toMatchObject({
      status: 415,
      body: { detail: 'Send the request body as JSON with Content-Type: application/json' },
    });
  });

  it('answers 415 to a body without a content type', async () => {
    const response = await echo()(
      { ...httpEvent({ method: 'POST' }), body: '{"text":"hi"}', headers: {} },
      lambdaContext(),
    );

    expect(response.statusCode).toBe(415);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    // What a direct invocation (not through API Gateway) may carry.
    ['a null body', null as unknown as string],
  ])('answers 400 to %s', async (_, body) => {
    expect(await send(body)).toMatchObject({
      status: 400,
      body: { detail: 'A JSON request body is required' },
    });
  });

  it('answers 400 to broken JSON', async () => {
    expect(await send('{"text":')).toMatchObject({
      status: 400,
      body: { detail: 'The request body is not valid JSON' },
    });
  });

  it('accepts 64 KiB by default, measured in UTF-8 bytes after decoding, and not a byte more', async () => {
    const within = JSON.stringify({ text: 'x'.repeat(64 * 1024 - 11) });
    const over = JSON.stringify({ text: 'x'.repeat(64 * 1024 - 10) });
    const overInUtf8 = JSON.stringify({ text: 'é'.repeat(32 * 1024) });

    expect(Buffer.byteLength(within)).toBe(64 * 1024);
    expect((await send(within)).status).toBe(200);
    expect(await send(over)).toMatchObject({
      status: 413,
      body: { detail: 'Request body exceeds the limit of 65536 bytes' },
    });
    expect((await send(overInUtf8)).status).toBe(413);
    expect((await send(Buffer.from(over).toString('base64'), { base64: true })).status).toBe(413);
  });

  it('takes a limit of its own', async () => {
    expect((await send('{"text":"1234"}', { maxBodyBytes: 15 })).status).toBe(200);
    expect((await send('{"text":"12345"}', { maxBodyBytes: 15 })).status).toBe(413);
  });
});
