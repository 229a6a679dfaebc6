import * as z from '../zod.js';

// The query parameters of a list endpoint. In a module of their own, apart from the cursor
// helpers in pagination.ts, so that only the functions that list build them at init (issue 14).

/** `?limit=`: 1–100, default 20. */
export const limitParam = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20);

/** `?cursor=`: an opaque token from a previous page. */
export const cursorParam = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));
