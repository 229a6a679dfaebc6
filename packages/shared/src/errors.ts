/**
 * Errors the domain throws. They say what went wrong in domain terms; the HTTP error
 * middleware (`problemErrorHandler`) is the one place that maps them to status codes.
 * Anything that is not one of these becomes a generic 500 with no internals.
 */

/** One field that failed validation, addressed by a JSON Pointer (RFC 6901) into its source. */
export interface FieldError {
  /** `body`, `path`, `query` or `header` */
  in: 'body' | 'path' | 'query' | 'header';
  /** JSON Pointer into that source, e.g. `#/items/0/quantity` */
  pointer: string;
  detail: string;
}

/** Base class: carries a human-readable detail that is safe to show to the client. */
export abstract class DomainError extends Error {
  protected constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is syntactically unusable (malformed JSON, unreadable cursor). */
export class BadRequestError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The request is well-formed but its content breaks the contract; lists the fields. */
export class ValidationError extends DomainError {
  readonly fieldErrors: FieldError[];
  constructor(message: string, fieldErrors: FieldError[], options?: ErrorOptions) {
    super(message, options);
    this.fieldErrors = fieldErrors;
  }
}

/** No valid credentials: the token is missing, malformed, expired, or not from our issuer. */
export class UnauthorizedError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Valid credentials that do not allow this action (another user's data, an admin-only route). */
export class ForbiddenError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A named resource does not exist. */
export class NotFoundError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The request conflicts with the resource's current state (e.g. checking out an empty basket). */
export class ConflictError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A precondition the client set did not hold: `If-Match` named a version of the resource that is
 * no longer current (someone else changed it first). Re-read, re-apply, retry.
 */
export class PreconditionFailedError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The body is larger than the endpoint accepts. */
export class PayloadTooLargeError extends DomainError {
  readonly limitBytes: number;
  constructor(limitBytes: number, options?: ErrorOptions) {
    super(`Request body exceeds the limit of ${limitBytes} bytes`, options);
    this.limitBytes = limitBytes;
  }
}

/** The body is not in a media type the endpoint accepts. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A dependency (database, bus) is unavailable; the client may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1, options?: ErrorOptions) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
