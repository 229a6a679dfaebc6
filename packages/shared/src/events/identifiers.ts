import * as z from '../zod.js';

/**
 * The identifiers every service and event share, defined once: a path, a body and an event that
 * name the same user or product are checked by the same rule.
 */

/**
 * A user name as the shop knows it: the token's `cognito:username`, chosen at sign-up, used in
 * paths and as the key of baskets and orders. Cognito allows letters, marks, numbers, symbols and
 * punctuation (no spaces, separators or control characters); a path segment also cannot hold `/`.
 */
export const userNameSchema = z
  .string()
  .check(
    z.regex(
      /^[^\p{Z}\p{C}/]{1,128}$/u,
      'Must be 1-128 letters, digits, symbols or punctuation other than /, without spaces',
    ),
  );

/** A product id: generated UUIDs, or hand-made seed ids like `p-mug-01`. */
export const productIdSchema = z
  .string()
  .check(z.regex(/^[\w-]{1,64}$/, 'Must be 1-64 letters, digits, - or _'));
