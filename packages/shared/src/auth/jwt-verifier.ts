import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import { ADMIN_GROUP, type Identity } from './identity.js';

export interface JwtVerifierOptions {
  /** Exact `iss` expected, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc`. */
  issuer: string;
  /** Accepted audience: `aud` (ID tokens) or `client_id` (Cognito access tokens). */
  audience: string;
  /** Where the issuer's signing keys are; default `<issuer>/.well-known/jwks.json` (Cognito's). */
  jwksUrl?: string;
}

export type VerifyToken = (token: string) => Promise<Identity>;

const ACCEPTED_ALGORITHMS = ['RS256'];

const toIdentity = (payload: JWTPayload): Identity => {
  const userName = [payload['cognito:username'], payload.username, payload.sub].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  if (userName === undefined) throw new UnauthorizedError('The token names no user');
  const rawGroups = payload['cognito:groups'] ?? payload.groups ?? [];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
  return { userName, groups, isAdmin: groups.includes(ADMIN_GROUP) };
};

/**
 * Verifies bearer tokens the way API Gateway's JWT authorizer does: RS256 signature against the
 * issuer's JWKS (fetched once, cached per container), exact issuer, audience, expiry and
 * not-before. Deployed, this repeats the gateway's check (defence in depth); locally it is the
 * check, against the local cloud's development issuer.
 *
 * @example
 * const verifyToken = buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') });
 */
export const buildJwtVerifier = ({ issuer, audience, jwksUrl }: JwtVerifierOptions): VerifyToken => {
  const keys = createRemoteJWKSet(new URL(jwksUrl ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        // The issuer's keys could not be fetched: not the client's fault, and worth a retry.
        throw new ServiceUnavailableError('Cannot verify tokens right now; retry shortly', 2, {
          cause: error,
        });
      }
      const reason = error instanceof errors.JWTExpired ? 'The token has expired' : 'The token is not valid';
      throw new UnauthorizedError(reason, { cause: error });
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((a) => typeof a === 'string');
    if (!audiences.includes(audience)) throw new UnauthorizedError('The token is not meant for this API');
    return toIdentity(payload);
  };
};
