import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { httpEvent, lambdaContext, testToken, verifyTestToken } from '../../testing/index.js';
import { httpHandler } from '../http-handler.js';

const logger = createLogger('authenticate-test');
const whoAmI = (access: 'public' | 'user' | 'admin') =>
  httpHandler({ logger, access, verifyToken: verifyTestToken, request: {} }, async ({ identity }) => ({
    status: 200,
    body: identity ?? 'anonymous',
  }));
const call = (authorization: string | undefined, access: 'public' | 'user' | 'admin' = 'user') =>
  whoAmI(access)(
    httpEvent({ headers: authorization === undefined ? {} : { authorization } }),
    lambdaContext(),
  );
const answerOf = async (response: Promise<{ statusCode?: number; body?: string }>) => {
  const { statusCode, body } = await response;
  return { status: statusCode, body: JSON.parse(body ?? 'null') };
};

const token = testToken('swn');
const NOT_BEARER = 'The Authorization header must be "Bearer <token>"';

describe('authenticate', () => {
  it('lets anyone call a public endpoint, token or not', async () => {
    expect(await answerOf(call(undefined, 'public'))).toEqual({ status: 200, body: 'anonymous' });
    expect(await answerOf(call('Basic c3duOnB3', 'public'))).toEqual({ status: 200, body: 'anonymous' });
  });

  it('asks a caller without a token to send one', async () => {
    expect(await answerOf(call(undefined))).toMatchObject({
      status: 401,
      body: { detail: 'Send a token: Authorization: Bearer <token>' },
    });
  });

  it('accepts the scheme in any case, as RFC 9110 has it', async () => {
    expect(await answerOf(call(`bearer ${token}`))).toMatchObject({ status: 200, body: { userName: 'swn' } });
    expect(await answerOf(call(`BEARER ${token}`))).toMatchObject({ status: 200, body: { userName: 'swn' } });
  });

  it.each([
    ['another scheme', `Basic ${token}`],
    ['text before the scheme', `x Bearer ${token}`],
    ['text after the token', `Bearer ${token} x`],
    ['two spaces', `Bearer  ${token}`],
    ['no token', 'Bearer '],
    ['two segments', 'Bearer test.payload'],
    ['four segments', `Bearer ${token}.extra`],
    ['an empty segment', 'Bearer test..unsigned'],
    ['a character no JWT has', 'Bearer te+st.payload.unsigned'],
    ['the token alone', token],
  ])('refuses %s with 401 before any verification', async (_, authorization) => {
    expect(await answerOf(call(authorization))).toMatchObject({ status: 401, body: { detail: NOT_BEARER } });
  });

  it('passes a well-formed token on to the verifier, whose verdict stands', async () => {
    expect(await answerOf(call('Bearer aaa.bbb.ccc'))).toMatchObject({
      status: 401,
      body: { detail: 'Not a test token' },
    });
  });

  it('lets an admin in where a signed-in user gets 403', async () => {
    expect(await answerOf(call(`Bearer ${token}`, 'admin'))).toMatchObject({
      status: 403,
      body: { detail: 'This action needs an admin' },
    });
    expect(await answerOf(call(`Bearer ${testToken('boss', { admin: true })}`, 'admin'))).toEqual({
      status: 200,
      body: { userName: 'boss', groups: ['admin'], isAdmin: true },
    });
  });
});
