import { isTransientAwsError } from '../aws/transient-errors.js';
import {
  BadRequestError,
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';

/** Problem types are URIs (RFC 9457 §3.1.1); `.example` marks them as this project's to rename. */
export const PROBLEM_TYPE_BASE = 'https://problems.eshop.example/';

/** An `application/problem+json` body (RFC 9457) with our `errors` extension for field failures. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export interface Problem {
  body: ProblemDetails;
  headers: Record<string, string>;
}

const problem = (
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extra: Partial<ProblemDetails> = {},
  headers: Record<string, string> = {},
): Problem => ({
  body: {
    type: `${PROBLEM_TYPE_BASE}${slug}`,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extra,
  },
  headers,
});

/** Middy's own HTTP errors (`createError`) carry a status and an `expose` flag. */
interface ExposableHttpError {
  statusCode: number;
  expose?: boolean;
  message: string;
}

const isExposableHttpError = (error: unknown): error is ExposableHttpError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
  (error as { expose?: unknown }).expose === true;

/**
 * Maps any thrown value to the problem the client sees. Only our domain errors and errors
 * explicitly marked safe reveal their message; everything else is a generic 500.
 *
 * @example
 * const { body } = toProblem(new NotFoundError('Product 42 not found')); // body.status === 404
 */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof ValidationError) {
    // A JSON body that parses but breaks the contract is 422; a bad path or query is 400.
    const status = error.fieldErrors.some((e) => e.in === 'body') ? 422 : 400;
    return problem(status, 'validation-error', 'Your request is not valid', error.message, {
      errors: error.fieldErrors,
    });
  }
  if (error instanceof BadRequestError) return problem(400, 'bad-request', 'Bad request', error.message);
  if (error instanceof UnauthorizedError) {
    return problem(
      401,
      'unauthorized',
      'Authentication required',
      error.message,
      {},
      {
        'www-authenticate': 'Bearer error="invalid_token"',
      },
    );
  }
  if (error instanceof ForbiddenError) return problem(403, 'forbidden', 'Forbidden', error.message);
  if (error instanceof NotFoundError) return problem(404, 'not-found', 'Resource not found', error.message);
  if (error instanceof ConflictError) return problem(409, 'conflict', 'Conflict', error.message);
  if (error instanceof PreconditionFailedError) {
    return problem(412, 'precondition-failed', 'Precondition failed', error.message);
  }
  if (error instanceof PayloadTooLargeError) {
    return problem(413, 'payload-too-large', 'Payload too large', error.message);
  }
  if (error instanceof UnsupportedMediaTypeError) {
    return problem(415, 'unsupported-media-type', 'Unsupported media type', error.message);
  }
  if (error instanceof ServiceUnavailableError) {
    return problem(
      503,
      'service-unavailable',
      'Service unavailable',
      error.message,
      {},
      {
        'retry-after': String(error.retryAfterSeconds),
      },
    );
  }
  if (isTransientAwsError(error)) {
    return problem(
      503,
      'service-unavailable',
      'Service unavailable',
      'A dependency is temporarily unavailable; retry shortly',
      {},
      {
        'retry-after': '1',
      },
    );
  }
  if (isExposableHttpError(error) && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, 'http-error', error.message);
  }
  return problem(
    500,
    'internal-error',
    'Internal server error',
    'An unexpected error occurred; it has been logged',
  );
};
