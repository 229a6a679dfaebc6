import { isTransientAwsError } from '../aws/transient-errors.js';
import { type FieldError, ProblemError, type ProblemType, problemTypeOf } from '../errors.js';

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
  /** Other extension members, e.g. the checkout a 409 is about. */
  [member: string]: unknown;
}

export interface Problem {
  body: ProblemDetails;
  headers: Record<string, string>;
}

const DEPENDENCY_UNAVAILABLE: ProblemType = {
  type: 'service-unavailable',
  title: 'Service unavailable',
  status: 503,
  headers: { 'retry-after': '1' },
};

const INTERNAL_ERROR: ProblemType = { type: 'internal-error', title: 'Internal server error', status: 500 };

const problem = ({ type, title, status, headers = {}, extensions }: ProblemType, detail: string): Problem => {
  const standard = { type: `${PROBLEM_TYPE_BASE}${type}`, title, status, detail };
  // Standard members first and never replaced by an extension member of the same name.
  return { body: { ...standard, ...extensions, ...standard }, headers };
};

/**
 * Maps any thrown value to the problem the client sees. Only `ProblemError`s reveal their message;
 * a transient AWS or network failure is a 503 worth retrying; everything else is a generic 500.
 *
 * @example
 * const { body } = toProblem(new NotFoundError('Product 42 not found')); // body.status === 404
 */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof ProblemError) {
    const problemType = problemTypeOf(error);
    if (problemType !== undefined) return problem(problemType, error.message);
  }
  if (isTransientAwsError(error)) {
    return problem(DEPENDENCY_UNAVAILABLE, 'A dependency is temporarily unavailable; retry shortly');
  }
  return problem(INTERNAL_ERROR, 'An unexpected error occurred; it has been logged');
};
