import { ForbiddenError, UnauthorizedError } from '../errors.js';

/** Who is calling, as established from a verified token. */
export interface Identity {
  /**
   * The user name chosen at sign-up, as the token carries it: `cognito:username` of an ID token,
   * `username` of an access token (never `sub`, an id no client knows).
   */
  userName: string;
  /** The token's `cognito:groups`. */
  groups: string[];
  isAdmin: boolean;
}

/** The group whose members may write the catalog and read every basket and order. */
export const ADMIN_GROUP = 'admin';

/**
 * Throws ForbiddenError unless the caller is `userName` or an admin: users act only on their own
 * baskets and orders, whatever the path or body names.
 *
 * @example
 * assertActsFor(identity, path.userName);
 */
export const assertActsFor = (identity: Identity | undefined, userName: string): void => {
  if (identity === undefined) throw new UnauthorizedError('Sign in to access user data');
  if (identity.userName !== userName && !identity.isAdmin) {
    throw new ForbiddenError(`You may only access your own data (signed in as ${identity.userName})`);
  }
};
