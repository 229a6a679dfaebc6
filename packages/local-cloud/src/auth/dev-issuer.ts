import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** The audience (app client id) local tokens are issued for; the services expect it locally. */
export const LOCAL_AUDIENCE = 'eshop-local';

/** Cognito's two bearer tokens: the ID token (`token_use: "id"`) and the access token. */
export type TokenUse = 'id' | 'access';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TokenRequest {
  userName: string;
  /** Cognito groups; `admin` may write the catalog and read everything. */
  groups?: string[];
  /** Which of Cognito's tokens to shape it like; default `id`. */
  tokenUse?: TokenUse;
  /** Default 3600. Negative values make already-expired tokens, for tests. */
  expiresInSeconds?: number;
  /**
   * The app client id: `aud` of an ID token, `client_id` of an access token. Default
   * LOCAL_AUDIENCE; another value makes a token for the wrong API, for tests.
   */
  audience?: string;
  /** The `iss` claim; default this issuer. Another value makes a foreign-issuer token signed with the real key, for tests. */
  issuer?: string;
  /** For tests: claims set (or, with `null`, removed) after the token is shaped, to make malformed tokens. */
  claims?: Record<string, JsonValue>;
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

/** What Cognito puts in `scope` of an access token from a plain sign-in. */
const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The user's `sub`: a UUID that is the same for the same user name on every start, as Cognito's
 * is for the same user (a name-based UUID, RFC 9562 version 5 layout).
 */
export const subjectOf = (userName: string): string => {
  const bytes = createHash('sha1').update(`eshop-local-user:${userName}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The claims Cognito puts in each of its tokens (its "Understanding the ID token" and "... the
 * access token" pages): the user is `cognito:username` and the client `aud` in an ID token, but
 * `username` and `client_id` (and no `aud`) in an access token; `cognito:groups` only when the
 * user is in a group.
 */
const cognitoClaims = (
  {
    userName,
    groups = [],
    tokenUse = 'id',
    expiresInSeconds = 3600,
    audience = LOCAL_AUDIENCE,
  }: TokenRequest,
  issuer: string,
): JWTPayload => {
  const now = Math.floor(Date.now() / 1000);
  const common = {
    sub: subjectOf(userName),
    ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
    iss: issuer,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: tokenUse,
    auth_time: now,
    exp: now + expiresInSeconds,
    iat: now,
    jti: randomUUID(),
  };
  return tokenUse === 'id'
    ? { ...common, 'cognito:username': userName, aud: audience }
    : { ...common, client_id: audience, scope: SIGN_IN_SCOPE, username: userName };
};

const withOverrides = (claims: JWTPayload, overrides: Record<string, JsonValue> = {}): JWTPayload => {
  const result: JWTPayload = { ...claims };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete result[name];
    else result[name] = value;
  }
  return result;
};

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

const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

const isTokenRequest = (value: unknown): value is TokenRequest => {
  if (typeof value !== 'object' || value === null) return false;
  const { userName, groups, tokenUse, expiresInSeconds, audience, issuer, claims } = value as Record<
    string,
    unknown
  >;
  return (
    typeof userName === 'string' &&
    /^[\w.@+-]{1,100}$/.test(userName) &&
    (groups === undefined || (Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) &&
    (tokenUse === undefined || tokenUse === 'id' || tokenUse === 'access') &&
    (expiresInSeconds === undefined || Number.isInteger(expiresInSeconds)) &&
    isOptionalString(audience) &&
    isOptionalString(issuer) &&
    (claims === undefined || (typeof claims === 'object' && claims !== null && !Array.isArray(claims)))
  );
};

const USAGE =
  'Send {"userName": "...", "groups"?: ["admin"], "tokenUse"?: "id" | "access", "expiresInSeconds"?, "audience"?, "issuer"?, "claims"?}';

/**
 * A development identity provider standing in for Cognito: a fresh RS256 key pair per start, its
 * JWKS at `/.well-known/jwks.json`, and `POST /token {"userName", "groups"?, "tokenUse"?}` to sign
 * a token with exactly the claims of a Cognito ID token (default) or access token. The services
 * verify these exactly as they verify Cognito's: signature, issuer, audience, expiry, token use.
 *
 * @example
 * const issuer = await startDevIssuer({ port: 4020 });
 * const token = await issuer.mint({ userName: 'swn', tokenUse: 'access' });
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

  const mint = async (request: TokenRequest) =>
    // Cognito's header names the key and the algorithm, nothing else.
    new SignJWT(withOverrides(cognitoClaims(request, request.issuer ?? issuer), request.claims))
      .setProtectedHeader({ kid, alg: 'RS256' })
      .sign(privateKey);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (request.method === 'GET' && path === '/.well-known/jwks.json') return send(response, 200, jwks);
    if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
      return send(response, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    }
    if (request.method === 'POST' && path === '/token') {
      readJson(request)
        .then(async (body) => {
          if (!isTokenRequest(body)) return send(response, 400, { error: USAGE });
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

/** What `requestToken` may ask for besides the user: `admin` puts the user in the `admin` group. */
export type TokenOptions = { admin?: boolean } & Omit<TokenRequest, 'userName' | 'groups'>;

/**
 * Asks a running development issuer for a token over HTTP (what `pnpm token` does), for tests
 * that run in another process than the issuer.
 *
 * @example
 * const token = await requestToken(issuerUrl, 'swn', { tokenUse: 'access' });
 */
export const requestToken = async (
  issuerUrl: string,
  userName: string,
  { admin = false, ...rest }: TokenOptions = {},
): Promise<string> => {
  const response = await fetch(`${issuerUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, groups: admin ? ['admin'] : [], ...rest }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || body.token === undefined) {
    throw new Error(`The issuer refused a token: HTTP ${response.status} ${body.error ?? ''}`.trim());
  }
  return body.token;
};
