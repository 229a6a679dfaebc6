import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Identity } from '../../auth/identity.js';
import type { VerifyToken } from '../../auth/jwt-verifier.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';

/** Who may call an endpoint. */
export type Access = 'public' | 'user' | 'admin';

// The identity travels with the event object without widening the API Gateway event type.
const identities = new WeakMap<object, Identity>();

/** The verified identity of a request that passed `authenticate`. */
export const identityOf = (event: object): Identity | undefined => identities.get(event);

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i;

/**
 * Requires a valid bearer token (`user`), and admin group membership (`admin`); `public` lets
 * anyone in. A missing or invalid token is 401; a valid one without the right is 403.
 */
export const authenticate = ({
  access,
  verifyToken,
}: {
  access: Access;
  verifyToken?: VerifyToken;
}): MiddlewareObj<APIGatewayProxyEventV2> => {
  const authenticateBefore = async (request: Request<APIGatewayProxyEventV2>): Promise<void> => {
    if (access === 'public') return;
    if (verifyToken === undefined) throw new Error('A protected endpoint was built without a token verifier');
    const header = request.event.headers?.authorization;
    if (header === undefined) throw new UnauthorizedError('Send a token: Authorization: Bearer <token>');
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) throw new UnauthorizedError('The Authorization header must be "Bearer <token>"');
    const identity = await verifyToken(token);
    if (access === 'admin' && !identity.isAdmin) throw new ForbiddenError('This action needs an admin');
    identities.set(request.event, identity);
  };
  return { before: authenticateBefore };
};
