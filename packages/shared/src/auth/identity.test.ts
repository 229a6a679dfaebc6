import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { assertActsFor } from './identity.js';

describe('assertActsFor', () => {
  const user = { userName: 'swn', groups: [], isAdmin: false };
  const admin = { userName: 'boss', groups: ['admin'], isAdmin: true };

  it('lets users act for themselves and admins for anyone', () => {
    expect(() => assertActsFor(user, 'swn')).not.toThrow();
    expect(() => assertActsFor(admin, 'swn')).not.toThrow();
  });

  it('forbids acting for someone else and requires a sign-in', () => {
    expect(() => assertActsFor(user, 'eve')).toThrow(
      new ForbiddenError('You may only access your own data (signed in as swn)'),
    );
    expect(() => assertActsFor(undefined, 'swn')).toThrow(
      new UnauthorizedError('Sign in to access user data'),
    );
  });
});
