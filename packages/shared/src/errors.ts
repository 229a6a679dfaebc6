/**
 * Errors whose message is safe to show to the client. Each class has one row in `PROBLEM_TYPES`
 * below: its RFC 9457 problem type, title, status and headers. The HTTP error middleware is the
 * only reader of that table; anything thrown that is not one of these becomes a generic 500.
 * Adding an error means adding a class and its row here, nothing else.
 */

/** One field that failed validation, addressed by a JSON Pointer (RFC 6901) into its source. */
export interface FieldError {
  /** `body`, `path`, `query` or `header` */
  in: 'body' | 'path' | 'query' | 'header';
  /** JSON Pointer into that source, e.g. `#/items/0/quantity` */
  pointer: string;
  detail: string;
}

/** Base class: an error the client is told about, with a detail that is safe to show. */
export abstract class ProblemError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is syntactically unusable (malformed JSON, unreadable cursor). */
export class BadRequestError extends ProblemError {}

/** The request is well-formed but its content breaks the contract; lists the fields. */
export class ValidationError extends ProblemError {
  readonly fieldErrors: FieldError[];
  constructor(message: string, fieldErrors: FieldError[], options?: ErrorOptions) {
    super(message, options);
    this.fieldErrors = fieldErrors;
  }
}

/** No valid credentials: the token is missing, malformed, expired, or not from our issuer. */
export class UnauthorizedError extends ProblemError {}

/** Valid credentials that do not allow this action (another user's data, an admin-only route). */
export class ForbiddenError extends ProblemError {}

/** A named resource does not exist. */
export class NotFoundError extends ProblemError {}

/**
 * The request conflicts with the resource's current state (e.g. checking out an empty basket).
 * `members` are RFC 9457 extension members that tell the client what is in the way, e.g.
 * `{ reason: 'checkout-pending', checkoutId }`; like the message, they must be safe to show.
 */
export class ConflictError extends ProblemError {
  readonly members: Readonly<Record<string, string>>;
  constructor(message: string, options?: ErrorOptions & { members?: Record<string, string> }) {
    super(message, options);
    this.members = { ...options?.members };
  }
}

/**
 * A precondition the client set did not hold: `If-Match` named a version of the resource that is
 * no longer current (someone else changed it first). Re-read, re-apply, retry.
 */
export class PreconditionFailedError extends ProblemError {}

/** The body is larger than the endpoint accepts. */
export class PayloadTooLargeError extends ProblemError {
  readonly limitBytes: number;
  constructor(limitBytes: number, options?: ErrorOptions) {
    super(`Request body exceeds the limit of ${limitBytes} bytes`, options);
    this.limitBytes = limitBytes;
  }
}

/** The body is not in a media type the endpoint accepts. */
export class UnsupportedMediaTypeError extends ProblemError {}

/** A dependency (database, bus) is unavailable; the client may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends ProblemError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1, options?: ErrorOptions) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** How one kind of error looks to a client. `type` is the last segment of the problem type URI. */
export interface ProblemType {
  type: string;
  title: string;
  status: number;
  headers?: Record<string, string>;
  /** RFC 9457 extension members, e.g. the failing fields of a validation error. */
  extensions?: { errors?: FieldError[] } & Record<string, unknown>;
}

type ProblemTypeRow = (error: ProblemError) => ProblemType | undefined;

/** A row of the table: applies to `errorClass` and its subclasses, with the instance at hand. */
const row =
  <E extends ProblemError>(
    errorClass: abstract new (...args: never[]) => E,
    describe: (error: E) => ProblemType,
  ): ProblemTypeRow =>
  (error) =>
    error instanceof errorClass ? describe(error) : undefined;

const PROBLEM_TYPES: ProblemTypeRow[] = [
  row(ValidationError, (error) => ({
    type: 'validation-error',
    title: 'Your request is not valid',
    // A JSON body that parses but breaks the contract is 422; a bad path, query or header is 400.
    status: error.fieldErrors.some((field) => field.in === 'body') ? 422 : 400,
    extensions: { errors: error.fieldErrors },
  })),
  row(BadRequestError, () => ({ type: 'bad-request', title: 'Bad request', status: 400 })),
  row(UnauthorizedError, () => ({
    type: 'unauthorized',
    title: 'Authentication required',
    status: 401,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  })),
  row(ForbiddenError, () => ({ type: 'forbidden', title: 'Forbidden', status: 403 })),
  row(NotFoundError, () => ({ type: 'not-found', title: 'Resource not found', status: 404 })),
  row(ConflictError, (error) => ({
    type: 'conflict',
    title: 'Conflict',
    status: 409,
    extensions: error.members,
  })),
  row(PreconditionFailedError, () => ({
    type: 'precondition-failed',
    title: 'Precondition failed',
    status: 412,
  })),
  row(PayloadTooLargeError, () => ({ type: 'payload-too-large', title: 'Payload too large', status: 413 })),
  row(UnsupportedMediaTypeError, () => ({
    type: 'unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
  })),
  row(ServiceUnavailableError, (error) => ({
    type: 'service-unavailable',
    title: 'Service unavailable',
    status: 503,
    headers: { 'retry-after': String(error.retryAfterSeconds) },
  })),
];

/**
 * The problem type of an error, from the table above; undefined for a class without a row (which
 * the caller must treat as a bug: a 500 that reveals nothing).
 *
 * @example
 * problemTypeOf(new NotFoundError('Product 42 does not exist'))?.status // 404
 */
export const problemTypeOf = (error: ProblemError): ProblemType | undefined => {
  for (const describe of PROBLEM_TYPES) {
    const problemType = describe(error);
    if (problemType !== undefined) return problemType;
  }
  return undefined;
};
