import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import { ADMIN_GROUP, type Identity } from './identity.js';
import { remoteKeySet } from './remote-key-set.js';

export interface JwtVerifierOptions {
  /** Exact `iss` expected, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc`. */
  issuer: string;
  /** The app client id: `aud` of Cognito ID tokens, `client_id` of Cognito access tokens. */
  audience: string;
  /** Where the issuer's signing keys are; default `<issuer>/.well-known/jwks.json` (Cognito's). */
  jwksUrl?: string;
  /** How long to wait for the JWKS before answering 503 (default 3000, well inside a 10 s function timeout). */
  jwksTimeoutMs?: number;
}

export type VerifyToken = (token: string) => Promise<Identity>;

const ACCEPTED_ALGORITHMS = ['RS256'];

/** Seconds a client is told to wait when the issuer's keys cannot be fetched. */
const JWKS_RETRY_AFTER_SECONDS = 2;

/**
 * Cognito's two bearer tokens and where each names the user and the app client (Cognito's
 * "Understanding the ID token" and "... the access token"). An access token has no `aud`, an ID
 * token no `client_id`: a token carrying the other shape's claim is not one Cognito issued.
 */
const TOKEN_SHAPES = {
  id: { userNameClaim: 'cognito:username', clientClaim: 'aud', foreignClientClaim: 'client_id' },
  access: { userNameClaim: 'username', clientClaim: 'client_id', foreignClientClaim: 'aud' },
} as const;

const isTokenUse = (value: unknown): value is keyof typeof TOKEN_SHAPES =>
  value === 'id' || value === 'access';

const groupsOf = (payload: JWTPayload): string[] => {
  // Only Cognito's own claim: a plain `groups` claim is not something our issuer grants.
  const groups = payload['cognito:groups'];
  if (groups === undefined) return [];
  if (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string')) {
    throw new UnauthorizedError('The token is not valid');
  }
  return groups;
};

const toIdentity = (payload: JWTPayload, audience: string): Identity => {
  if (!isTokenUse(payload.token_use)) throw new UnauthorizedError('The token is not an ID or access token');
  const shape = TOKEN_SHAPES[payload.token_use];
  if (payload[shape.clientClaim] !== audience || payload[shape.foreignClientClaim] !== undefined) {
    throw new UnauthorizedError('The token is not meant for this API');
  }
  const userName = payload[shape.userNameClaim];
  if (typeof userName !== 'string' || userName.length === 0) {
    throw new UnauthorizedError('The token names no user');
  }
  const groups = groupsOf(payload);
  return { userName, groups, isAdmin: groups.includes(ADMIN_GROUP) };
};

/** Thrown by the key lookup when the issuer's JWKS cannot be had: nothing to do with the token. */
class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

// What the key set throws about the token itself: its `kid` or `alg` matches no key.
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported];

/**
 * The key set fails on JWKS trouble with the reason (a non-200 answer, a body that is not JSON, a
 * timeout, a refused connection) or jose's JWKSInvalid (JSON that is no key set). Whatever the
 * lookup throws, except the token's own key errors, is marked so it becomes a 503 rather than a
 * 401 that would send every user to sign in again.
 */
const markingJwksTrouble =
  (keys: JWTVerifyGetKey): JWTVerifyGetKey =>
  async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (TOKEN_KEY_ERRORS.some((type) => error instanceof type)) throw error;
      throw new JwksUnavailableError('The issuer’s signing keys cannot be fetched', { cause: error });
    }
  };

/**
 * Verifies bearer tokens the way API Gateway's JWT authorizer does, and then some: RS256
 * signature against the issuer's JWKS (fetched once, cached per container), exact issuer, a
 * required expiry, not-before, and the exact shape of a Cognito ID or access token (`token_use`,
 * the client in `aud` or `client_id`, the user in `cognito:username` or `username`). Deployed,
 * this repeats the gateway's check (defence in depth); locally it is the check, against the local
 * cloud's development issuer. Bad tokens are 401; a JWKS that cannot be fetched is 503.
 *
 * @example
 * const verifyToken = buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') });
 */
export const buildJwtVerifier = ({
  issuer,
  audience,
  jwksUrl,
  jwksTimeoutMs = 3000,
}: JwtVerifierOptions): VerifyToken => {
  const keys = markingJwksTrouble(
    remoteKeySet(new URL(jwksUrl ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`), {
      timeoutMs: jwksTimeoutMs,
    }),
  );
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof JwksUnavailableError) {
        // Not the client's fault, and worth a retry.
        throw new ServiceUnavailableError(
          'Cannot verify tokens right now; retry shortly',
          JWKS_RETRY_AFTER_SECONDS,
          {
            cause: error.cause,
          },
        );
      }
      // Everything else went wrong with the token itself: its form, signature or claims.
      const reason = error instanceof errors.JWTExpired ? 'The token has expired' : 'The token is not valid';
      throw new UnauthorizedError(reason, { cause: error });
    }
    return toIdentity(payload, audience);
  };
};
