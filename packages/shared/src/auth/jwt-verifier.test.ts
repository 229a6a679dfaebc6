import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, type RunningDevIssuer, startDevIssuer } from '@eshop/local-cloud';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import { httpHandler } from '../http/http-handler.js';
import { createLogger } from '../logger.js';
import { httpEvent, lambdaContext } from '../testing/index.js';
import { buildJwtVerifier } from './jwt-verifier.js';

// Real RS256 tokens from the local cloud's development issuer, verified against its JWKS over HTTP.
let issuer: RunningDevIssuer;
let verify: ReturnType<typeof buildJwtVerifier>;

beforeAll(async () => {
  issuer = await startDevIssuer({ port: 0 });
  verify = buildJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience });
});
afterAll(() => issuer.stop());

describe('buildJwtVerifier accepts both of Cognito’s tokens', () => {
  it('reads the user of an ID token from cognito:username', async () => {
    await expect(verify(await issuer.mint({ userName: 'swn' }))).resolves.toEqual({
      userName: 'swn',
      groups: [],
      isAdmin: false,
    });
  });

  it('reads the user of an access token from username', async () => {
    await expect(verify(await issuer.mint({ userName: 'swn', tokenUse: 'access' }))).resolves.toEqual({
      userName: 'swn',
      groups: [],
      isAdmin: false,
    });
  });

  it('makes members of the admin group (cognito:groups) admins, in either token', async () => {
    for (const tokenUse of ['id', 'access'] as const) {
      await expect(
        verify(await issuer.mint({ userName: 'boss', groups: ['admin'], tokenUse })),
      ).resolves.toEqual({ userName: 'boss', groups: ['admin'], isAdmin: true });
    }
  });
});

describe('buildJwtVerifier refuses (401)', () => {
  /** Refused with a 401, and with `reason` when given: the detail the client reads. */
  const refused = async (token: string, reason?: string) => {
    const outcome = verify(token);
    await expect(outcome).rejects.toThrow(UnauthorizedError);
    if (reason !== undefined) await expect(outcome).rejects.toThrow(reason);
  };

  it('an expired token', async () => {
    const expired = await issuer.mint({ userName: 'swn', expiresInSeconds: -60 });

    await expect(verify(expired)).rejects.toThrow(new UnauthorizedError('The token has expired'));
  });

  it('a token without an expiry', async () => {
    await refused(await issuer.mint({ userName: 'swn', claims: { exp: null } }));
  });

  it('a token for another audience, in either shape', async () => {
    await refused(await issuer.mint({ userName: 'swn', audience: 'another-app' }), 'not meant for this API');
    await refused(
      await issuer.mint({ userName: 'swn', audience: 'another-app', tokenUse: 'access' }),
      'not meant for this API',
    );
  });

  it('a token naming another issuer, even signed with the right key', async () => {
    await refused(await issuer.mint({ userName: 'swn', issuer: 'https://evil.example' }));
    await refused(await issuer.mint({ userName: 'swn', issuer: `${issuer.issuer}/` }));
  });

  it('a token that is neither an ID nor an access token', async () => {
    await refused(
      await issuer.mint({ userName: 'swn', claims: { token_use: null } }),
      'not an ID or access token',
    );
    await refused(
      await issuer.mint({ userName: 'swn', claims: { token_use: 'refresh' } }),
      'not an ID or access token',
    );
  });

  it('an ID token that names its user the access token’s way (username only)', async () => {
    await refused(
      await issuer.mint({ userName: 'swn', claims: { 'cognito:username': null, username: 'swn' } }),
    );
  });

  it('an access token that names its client the ID token’s way (aud, no client_id)', async () => {
    await refused(
      await issuer.mint({
        userName: 'swn',
        tokenUse: 'access',
        claims: { client_id: null, aud: issuer.audience },
      }),
    );
  });

  it('an access token that carries an aud besides its client_id', async () => {
    await refused(
      await issuer.mint({ userName: 'swn', tokenUse: 'access', claims: { aud: issuer.audience } }),
    );
  });

  it('a token that names no user, never falling back to sub', async () => {
    await refused(
      await issuer.mint({ userName: 'swn', claims: { 'cognito:username': null } }),
      'names no user',
    );
    await refused(
      await issuer.mint({ userName: 'swn', claims: { 'cognito:username': '' } }),
      'names no user',
    );
    await refused(
      await issuer.mint({ userName: 'swn', tokenUse: 'access', claims: { username: null } }),
      'names no user',
    );
  });

  it('a token whose cognito:groups is not a list of names', async () => {
    await refused(await issuer.mint({ userName: 'swn', claims: { 'cognito:groups': 'admin' } }), 'not valid');
    // One name among other things is no list of names either: never read as membership of `admin`.
    await refused(
      await issuer.mint({ userName: 'swn', claims: { 'cognito:groups': ['admin', 7] } }),
      'not valid',
    );
  });

  it('a tampered token (payload changed, signature kept)', async () => {
    const [header, payload, signature] = (await issuer.mint({ userName: 'swn' })).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );

    await refused(`${header}.${forged}.${signature}`, 'The token is not valid');
    // The log of the 401 says what jose found wrong.
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }),
    });
  });

  it('a token from another issuer signed with a key of its own', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).n?.slice(0, 8) ?? 'k';
    const foreign = await new SignJWT({ 'cognito:username': 'swn', token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('https://evil.example')
      .setAudience(issuer.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

    await refused(foreign);
  });

  it('an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        iss: issuer.issuer,
        aud: issuer.audience,
        'cognito:username': 'swn',
        token_use: 'id',
        exp: 9999999999,
      }),
    ).toString('base64url');

    await refused(`${header}.${body}.`);
  });
});

describe('buildJwtVerifier finds the keys', () => {
  it('under the issuer’s /.well-known/jwks.json, also when the issuer ends in a slash', async () => {
    const withSlash = `${issuer.issuer}/`;
    const verifyWithSlash = buildJwtVerifier({ issuer: withSlash, audience: issuer.audience });

    await expect(
      verifyWithSlash(await issuer.mint({ userName: 'swn', issuer: withSlash })),
    ).resolves.toMatchObject({
      userName: 'swn',
    });
  });
});

describe('buildJwtVerifier ignores a plain groups claim', () => {
  it('grants nothing for groups: ["admin"] without cognito:groups', async () => {
    await expect(
      verify(await issuer.mint({ userName: 'swn', claims: { groups: ['admin'] } })),
    ).resolves.toMatchObject({ groups: [], isAdmin: false });
  });
});

/** A stand-in for the issuer's JWKS endpoint, answering however the test says. */
const startJwksServer = async (listener: RequestListener): Promise<{ url: string; server: Server }> => {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, server };
};

const stopServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('buildJwtVerifier when the issuer’s keys cannot be had (503, never 401)', () => {
  /** Refused with a 503 whose cause (logged, never answered) says what went wrong with the keys. */
  const unavailable = async (jwksUrl: string, reason: RegExp, jwksTimeoutMs?: number) => {
    const troubled = buildJwtVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl,
      jwksTimeoutMs,
    });

    const outcome = troubled(await issuer.mint({ userName: 'swn' }));

    await expect(outcome).rejects.toThrow(ServiceUnavailableError);
    await expect(outcome).rejects.toMatchObject({
      message: 'Cannot verify tokens right now; retry shortly',
      retryAfterSeconds: expect.any(Number),
      cause: expect.objectContaining({ message: expect.stringMatching(reason) }),
    });
  };

  it.each([
    ['answers 500', 500, 'text/plain', 'Internal Server Error', /^The key set's address answered 500$/],
    [
      'answers 503',
      503,
      'application/json',
      '{"message":"Service Unavailable"}',
      /^The key set's address answered 503$/,
    ],
    // A key set is no good when the answer is not a 200, however valid its body.
    [
      'answers 404 with a key set',
      404,
      'application/json',
      '{"keys":[]}',
      /^The key set's address answered 404$/,
    ],
    [
      'answers an HTML page',
      200,
      'text/html',
      '<html><body>Sign in to the corporate proxy</body></html>',
      /not valid JSON/,
    ],
    ['answers JSON that is not a key set', 200, 'application/json', '{"message":"ok"}', /JSON Web Key Set/],
  ])('the JWKS endpoint %s', async (_, status, type, body, reason) => {
    const { url, server } = await startJwksServer((_request, response) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    });
    try {
      await unavailable(url, reason);
    } finally {
      await stopServer(server);
    }
  });

  it('the JWKS endpoint does not answer in time', async () => {
    const { url, server } = await startJwksServer(() => {
      // Never answers: the verifier's own timeout must end the wait.
    });
    try {
      await unavailable(url, /^The key set did not arrive within 200 ms$/, 200);
    } finally {
      await stopServer(server);
    }
  });

  it('nothing listens where the JWKS should be (connection refused)', async () => {
    await unavailable(`http://127.0.0.1:${await freePort()}/jwks.json`, /ECONNREFUSED/);
  });

  it('recovers once the JWKS endpoint answers again', async () => {
    let healthy = false;
    const { url, server } = await startJwksServer(async (_request, response) => {
      if (!healthy) {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
        return;
      }
      const keys = await fetch(issuer.jwksUrl);
      response.writeHead(200, { 'content-type': 'application/json' }).end(await keys.text());
    });
    try {
      const flaky = buildJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: url });
      const token = await issuer.mint({ userName: 'swn' });
      await expect(flaky(token)).rejects.toThrow(ServiceUnavailableError);

      healthy = true;

      await expect(flaky(token)).resolves.toMatchObject({ userName: 'swn' });
    } finally {
      await stopServer(server);
    }
  });

  it('makes a protected endpoint answer 503 with Retry-After', async () => {
    const { url, server } = await startJwksServer((_request, response) => {
      response.writeHead(500).end();
    });
    try {
      const endpoint = httpHandler(
        {
          logger: createLogger('jwt-verifier-test'),
          verifyToken: buildJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: url }),
          request: {},
        },
        async () => ({ status: 200, body: 'secret' }),
      );
      const token = await issuer.mint({ userName: 'swn' });

      const response = await endpoint(
        httpEvent({ headers: { authorization: `Bearer ${token}` } }),
        lambdaContext(),
      );

      expect(response.statusCode).toBe(503);
      expect(Number(response.headers?.['retry-after'])).toBeGreaterThan(0);
    } finally {
      await stopServer(server);
    }
  });
});
