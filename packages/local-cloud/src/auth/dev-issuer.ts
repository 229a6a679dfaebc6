import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** The audience (app client id) local tokens are issued for; the services expect it locally. */
export const LOCAL_AUDIENCE = 'eshop-local';

export interface TokenRequest {
  userName: string;
  /** Cognito groups; `admin` may write the catalog and read everything. */
  groups?: string[];
  /** Default 3600. Negative values make already-expired tokens, for tests. */
  expiresInSeconds?: number;
  /** Default LOCAL_AUDIENCE; another value makes a token for the wrong API, for tests. */
  audience?: string;
}

export interface RunningDevIssuer {
  /** The `iss` of its tokens, and the base of its `/.well-known/jwks.json`. */
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Signs a token as the issuer would hand it out after a sign-in. */
  mint: (request: TokenRequest) => Promise<string>;
  stop: () => Promise<void>;
}

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
};

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const isTokenRequest = (value: unknown): value is TokenRequest => {
  if (typeof value !== 'object' || value === null) return false;
  const { userName, groups, expiresInSeconds, audience } = value as Record<string, unknown>;
  return (
    typeof userName === 'string' &&
    /^[\w.@+-]{1,100}$/.test(userName) &&
    (groups === undefined || (Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) &&
    (expiresInSeconds === undefined || Number.isInteger(expiresInSeconds)) &&
    (audience === undefined || typeof audience === 'string')
  );
};

/**
 * A development identity provider standing in for Cognito: a fresh RS256 key pair per start, its
 * JWKS at `/.well-known/jwks.json`, and `POST /token {"userName","groups"?}` to sign a token shaped
 * like a Cognito ID token (`cognito:username`, `cognito:groups`, `aud` = the app client). The
 * services verify these exactly as they verify Cognito's: signature, issuer, audience, expiry.
 *
 * @example
 * const issuer = await startDevIssuer({ port: 4020 });
 * const token = await issuer.mint({ userName: 'swn' });
 */
export const startDevIssuer = async ({
  host = '127.0.0.1',
  port = 4020,
}: {
  host?: string;
  port?: number;
} = {}): Promise<RunningDevIssuer> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  let issuer = '';

  const mint = async ({
    userName,
    groups = [],
    expiresInSeconds = 3600,
    audience = LOCAL_AUDIENCE,
  }: TokenRequest) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = { 'cognito:username': userName, 'cognito:groups': groups, token_use: 'id' };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(userName)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(privateKey);
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (request.method === 'GET' && path === '/.well-known/jwks.json') return send(response, 200, jwks);
    if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
      return send(response, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    }
    if (request.method === 'POST' && path === '/token') {
      readJson(request)
        .then(async (body) => {
          if (!isTokenRequest(body)) {
            return send(response, 400, { error: 'Send {"userName": "...", "groups": ["admin"]?}' });
          }
          const token = await mint(body);
          return send(response, 200, { token, tokenType: 'Bearer', userName: body.userName });
        })
        .catch(() => send(response, 400, { error: 'Send a JSON body' }));
      return;
    }
    send(response, 404, { error: 'GET /.well-known/jwks.json or POST /token' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    mint,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/**
 * Asks a running development issuer for a token over HTTP (what `pnpm token` does), for tests
 * that run in another process than the issuer.
 *
 * @example
 * const token = await requestToken(issuerUrl, 'swn');
 */
export const requestToken = async (
  issuerUrl: string,
  userName: string,
  { admin = false, ...rest }: { admin?: boolean } & Pick<TokenRequest, 'expiresInSeconds' | 'audience'> = {},
): Promise<string> => {
  const response = await fetch(`${issuerUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, groups: admin ? ['admin'] : [], ...rest }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || token === undefined)
    throw new Error(`The issuer refused a token: HTTP ${response.status}`);
  return token;
};
