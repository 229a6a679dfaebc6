import type { Context } from 'aws-lambda';
import type { Identity } from '../auth/identity.js';
import type { Handling } from './parse-request.js';

/**
 * What the HTTP middlewares learn about a request, kept on Middy's `request.context` (Middy's
 * documented place for values the handler reads: it receives the same object as `context`).
 * Optional because a plain Lambda context is a valid start; each field names who sets it.
 */
export interface HttpContext extends Context {
  /** Set by `correlationId`, first thing for every request. */
  correlationId?: string;
  /** Set by `authenticate` once the bearer token verified; absent on public endpoints. */
  caller?: Identity;
  /** Set by `jsonBody`: the body parsed as JSON, not yet validated. */
  jsonBody?: unknown;
  /** Set by `preferHandling` when the client sent `Prefer: handling=…`; lenient otherwise. */
  handling?: Handling;
}
