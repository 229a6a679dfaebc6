/** SDK error names that mean "the service could not do it now", not "your request is wrong". */
const TRANSIENT_AWS_ERROR_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'InternalException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'TransactionInProgressException',
]);

/** Node network error codes seen when an endpoint is down or the connection drops. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * True when an AWS SDK call failed for a reason a retry may fix (throttling, 5xx, network).
 * Used to answer 503 + Retry-After instead of 500.
 *
 * @example
 * if (isTransientAwsError(error)) throw new ServiceUnavailableError('Catalog unavailable');
 */
export const isTransientAwsError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    cause?: unknown;
  };
  if (typeof candidate.name === 'string' && TRANSIENT_AWS_ERROR_NAMES.has(candidate.name)) return true;
  if (typeof candidate.code === 'string' && NETWORK_ERROR_CODES.has(candidate.code)) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  if (candidate.$retryable !== undefined && candidate.$retryable !== null) return true;
  // The SDK wraps some network failures; look one level down.
  return candidate.cause !== undefined && candidate.cause !== error && isTransientAwsError(candidate.cause);
};
