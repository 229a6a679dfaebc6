import * as z from 'zod';

/**
 * The identifiers every service and event share, defined once: a path, a body and an event that
 * name the same user or product are checked by the same rule.
 */

/**
 * A user name as the shop knows it: the token's `cognito:username` (users choose it at sign-up),
 * used in paths and as the key of baskets and orders.
 */
export const userNameSchema = z
  .string()
  .regex(/^[\w.@+-]{1,100}$/, 'Must be 1-100 letters, digits or . @ + - _');

/** A product id: generated UUIDs, or hand-made seed ids like `p-mug-01`. */
export const productIdSchema = z.string().regex(/^[\w-]{1,64}$/, 'Must be 1-64 letters, digits, - or _');
