import { type RunningDevIssuer, startDevIssuer } from '@eshop/local-cloud';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import { buildJwtVerifier } from './jwt-verifier.js';

// Real RS256 tokens from the local cloud's development issuer, verified against its JWKS over HTTP.
let issuer: RunningDevIssuer;
let verify: ReturnType<typeof buildJwtVerifier>;

beforeAll(async () => {
  issuer = await startDevIssuer({ port: 0 });
  verify = buildJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience });
});
afterAll(() => issuer.stop());

describe('buildJwtVerifier', () => {
  it('accepts a valid token and reads user and groups the Cognito way', async () => {
    await expect(verify(await issuer.mint({ userName: 'swn' }))).resolves.toEqual({
      userName: 'swn',
      groups: [],
      isAdmin: false,
    });
    await expect(verify(await issuer.mint({ userName: 'boss', groups: ['admin'] }))).resolves.toMatchObject({
      isAdmin: true,
    });
  });

  it('rejects an expired token', async () => {
    const expired = await issuer.mint({ userName: 'swn', expiresInSeconds: -60 });

    await expect(verify(expired)).rejects.toThrow(new UnauthorizedError('The token has expired'));
  });

  it('rejects a token for another audience', async () => {
    const elsewhere = await issuer.mint({ userName: 'swn', audience: 'another-app' });

    await expect(verify(elsewhere)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects a tampered token (payload changed, signature kept)', async () => {
    const [header, payload, signature] = (await issuer.mint({ userName: 'swn' })).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );

    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects a token from another issuer, even one signed with a key of its own', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).n?.slice(0, 8) ?? 'k';
    const foreign = await new SignJWT({ 'cognito:username': 'swn' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('https://evil.example')
      .setAudience(issuer.audience)
      .setExpirationTime('1h')
      .sign(privateKey);

    await expect(verify(foreign)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        iss: issuer.issuer,
        aud: issuer.audience,
        'cognito:username': 'swn',
        exp: 9999999999,
      }),
    ).toString('base64url');

    await expect(verify(`${header}.${body}.`)).rejects.toThrow(UnauthorizedError);
  });

  it('is a 503, not a 401, when the issuer’s keys cannot be fetched', async () => {
    const unreachable = buildJwtVerifier({ issuer: 'http://127.0.0.1:9', audience: issuer.audience });

    await expect(unreachable(await issuer.mint({ userName: 'swn' }))).rejects.toThrow(
      ServiceUnavailableError,
    );
  });
});
