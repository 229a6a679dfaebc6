import { checkAgainstApiContract } from './api-contract.js';

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The raw body, for assertions on what must never appear in it (stack frames, secrets). */
  text: string;
  /** The parsed body, when there is one. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape
  json: any;
}

/**
 * One HTTP request as a client of the APIs makes it, for the HTTP and end-to-end suites: a body
 * that is not a string is sent as JSON (with its content type), a string as is; headers with an
 * empty value are left out (`authorization: ''` sends no token).
 *
 * Every response is checked against the services' committed OpenAPI documents: one they do not
 * describe (an undocumented status, a missing header, a body off its schema) throws
 * `ContractViolation`, failing the test whatever it asserts next.
 *
 * @example
 * const { status, json } = await requestJson(`${api}/product`, { method: 'POST', body: { name: 'Mug' } });
 */
export const requestJson = async (
  url: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> => {
  const sent = Object.fromEntries(
    Object.entries({
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    }).filter(([, value]) => value !== ''),
  );
  const response = await fetch(url, {
    method,
    headers: sent,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  checkAgainstApiContract({ method, url, status: response.status, headers: response.headers, text });
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
  };
};
