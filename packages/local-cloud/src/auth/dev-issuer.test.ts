import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AUDIENCE,
  type RunningDevIssuer,
  requestToken,
  startDevIssuer,
  subjectOf,
} from './dev-issuer.js';

let issuer: RunningDevIssuer;
let verify: (token: string) => Promise<Record<string, unknown>>;

beforeAll(async () => {
  issuer = await startDevIssuer({ port: 0 });
  const keys = createRemoteJWKSet(new URL(issuer.jwksUrl));
  verify = async (token) => (await jwtVerify(token, keys, { algorithms: ['RS256'] })).payload;
});
afterAll(() => issuer.stop());

/** The claims Cognito puts in both ID and access tokens. */
const CLAIMS_OF_EVERY_TOKEN = [
  'sub',
  'iss',
  'origin_jti',
  'event_id',
  'token_use',
  'auth_time',
  'exp',
  'iat',
  'jti',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('startDevIssuer', () => {
  it('signs ID tokens with exactly the claims Cognito puts in one', async () => {
    const token = await issuer.mint({ userName: 'swn', groups: ['admin'] });
    const claims = await verify(token);

    expect(decodeProtectedHeader(token)).toEqual({ kid: expect.any(String), alg: 'RS256' });
    expect(Object.keys(claims).sort()).toEqual(
      [...CLAIMS_OF_EVERY_TOKEN, 'cognito:groups', 'cognito:username', 'aud'].sort(),
    );
    expect(claims).toMatchObject({
      'cognito:username': 'swn',
      'cognito:groups': ['admin'],
      aud: LOCAL_AUDIENCE,
      iss: issuer.issuer,
      token_use: 'id',
      sub: subjectOf('swn'),
    });
    expect(claims.exp).toBe((claims.iat as number) + 3600);
  });

  it('signs access tokens the Cognito way: username and client_id, no aud', async () => {
    const claims = await verify(await issuer.mint({ userName: 'swn', tokenUse: 'access' }));

    expect(Object.keys(claims).sort()).toEqual(
      [...CLAIMS_OF_EVERY_TOKEN, 'client_id', 'scope', 'username'].sort(),
    );
    expect(claims).toMatchObject({
      username: 'swn',
      client_id: LOCAL_AUDIENCE,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
    });
  });

  it('gives each user one stable UUID as sub', async () => {
    const first = await verify(await issuer.mint({ userName: 'swn' }));
    const again = await verify(await issuer.mint({ userName: 'swn', tokenUse: 'access' }));
    const other = await verify(await issuer.mint({ userName: 'eve' }));

    expect(first.sub).toMatch(UUID);
    expect(again.sub).toBe(first.sub);
    expect(other.sub).not.toBe(first.sub);
  });

  it('mints, for tests, a foreign issuer and changed or missing claims, signed with its real key', async () => {
    const claims = await verify(
      await issuer.mint({
        userName: 'swn',
        issuer: 'https://evil.example',
        claims: { exp: null, groups: ['admin'] },
      }),
    );

    expect(claims.iss).toBe('https://evil.example');
    expect(claims).not.toHaveProperty('exp');
    expect(claims.groups).toEqual(['admin']);
  });

  it('hands out the same tokens over HTTP', async () => {
    const token = await requestToken(issuer.issuer, 'boss', {
      admin: true,
      tokenUse: 'access',
      issuer: 'https://evil.example',
      claims: { client_id: null },
    });

    expect(await verify(token)).toMatchObject({
      username: 'boss',
      'cognito:groups': ['admin'],
      token_use: 'access',
      iss: 'https://evil.example',
    });
    expect(await verify(token)).not.toHaveProperty('client_id');
  });

  it('refuses a request it cannot honour', async () => {
    await expect(requestToken(issuer.issuer, 'swn', { tokenUse: 'refresh' as 'id' })).rejects.toThrow(
      /HTTP 400/,
    );
  });
});

describe('pnpm token', () => {
  const cli = fileURLToPath(new URL('./token-cli.ts', import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, AUTH_PORT: new URL(issuer.issuer).port },
    });

  it('prints an ID token, or an access token with --access, for the user and groups asked for', async () => {
    const [id, access] = await Promise.all([run('swn'), run('boss', '--admin', '--access')]);

    expect(await verify(id.stdout.trim())).toMatchObject({ 'cognito:username': 'swn', token_use: 'id' });
    expect(await verify(access.stdout.trim())).toMatchObject({
      username: 'boss',
      'cognito:groups': ['admin'],
      token_use: 'access',
    });
  }, 30_000); // two node + tsx start-ups, slow on a busy machine
});
