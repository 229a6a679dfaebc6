import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { VerifyToken } from '../../auth/jwt-verifier.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import type { HttpContext } from '../http-context.js';

/** Who may call an endpoint. */
export type Access = 'public' | 'user' | 'admin';

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i;

/**
 * Requires a valid bearer token (`user`), and admin group membership (`admin`); `public` lets
 * anyone in. A missing or invalid token is 401; a valid one without the right is 403. The verified
 * identity goes to `context.caller`.
 */
export const authenticate = ({
  access,
  verifyToken,
}: {
  access: Access;
  verifyToken?: VerifyToken;
}): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> => {
  const authenticateBefore = async (
    request: Request<APIGatewayProxyEventV2, unknown, Error, HttpContext>,
  ): Promise<void> => {
    if (access === 'public') return;
    if (verifyToken === undefined) throw new Error('A protected endpoint was built without a token verifier');
    const header = request.event.headers?.authorization;
    if (header === undefined) throw new UnauthorizedError('Send a token: Authorization: Bearer <token>');
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) throw new UnauthorizedError('The Authorization header must be "Bearer <token>"');
    const identity = await verifyToken(token);
    if (access === 'admin' && !identity.isAdmin) throw new ForbiddenError('This action needs an admin');
    request.context.caller = identity;
  };
  return { before: authenticateBefore };
};
