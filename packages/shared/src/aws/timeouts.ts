/**
 * How long one attempt of an AWS call may take. The SDK has no timeout by default, so a dependency
 * that stops answering would hold the call until the function itself timed out mid-work. With
 * these, a stuck attempt fails with a (retried) `TimeoutError`, and 3 attempts with their backoff
 * end within about 6.5 s: inside the 10 s of a basket or ordering function. For the whole
 * invocation the HTTP stack answers 503 one second before the function's own timeout
 * (`INVOCATION_RESERVE_MS`), whatever is still running.
 */
export const AWS_CALL_TIMEOUTS = {
  /** To open a TCP connection; an endpoint that does not accept in 1 s is not there. */
  connectionTimeout: 1000,
  /** Silence on an open connection; DynamoDB answers in milliseconds when healthy. */
  requestTimeout: 2000,
  // Without it, requestTimeout only logs a warning and the call keeps waiting.
  throwOnRequestTimeout: true,
} as const;

/** What an HTTP function keeps of its timeout to answer a 503 instead of dying mid-work. */
export const INVOCATION_RESERVE_MS = 1000;
