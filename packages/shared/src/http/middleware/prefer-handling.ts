import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpContext } from '../http-context.js';
import type { Handling } from '../parse-request.js';

export const PREFERENCE_APPLIED_HEADER = 'preference-applied';

// One preference of a `Prefer` header (RFC 7240 §2): `token [= word]`, then parameters after `;`.
const HANDLING_PREFERENCE = /^\s*handling\s*=\s*"?(strict|lenient)"?\s*(?:;.*)?$/i;

/**
 * The `handling` preference of a `Prefer` header, if the client stated one we support. Several
 * preferences may share one header or come in several (joined with commas, like any list header);
 * the first `handling` wins, as RFC 7240 §2 says for a repeated preference.
 *
 * @example
 * handlingPreferenceOf('respond-async, handling=strict') // 'strict'
 */
export const handlingPreferenceOf = (prefer: string | undefined): Handling | undefined => {
  for (const preference of prefer?.split(',') ?? []) {
    const value = HANDLING_PREFERENCE.exec(preference)?.[1];
    if (value !== undefined) return value.toLowerCase() === 'strict' ? 'strict' : 'lenient';
  }
  return undefined;
};

/**
 * Honours `Prefer: handling=strict|lenient` on an endpoint that reads a body: the preference goes
 * to `context.handling` for the request parser, and every answer (errors too, so a client knows
 * why its unknown field was a 422) says `Preference-Applied` when a preference was applied.
 * Without the header the endpoint is lenient and says nothing, as RFC 7240 allows.
 */
export const preferHandling = (): MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
> => {
  type HttpRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>;

  const preferHandlingBefore = async (request: HttpRequest): Promise<void> => {
    const handling = handlingPreferenceOf(request.event.headers?.prefer);
    if (handling !== undefined) request.context.handling = handling;
  };

  const preferHandlingAfter = async (request: HttpRequest): Promise<void> => {
    const { handling } = request.context;
    if (request.response && handling !== undefined) {
      request.response.headers = {
        ...request.response.headers,
        [PREFERENCE_APPLIED_HEADER]: `handling=${handling}`,
      };
    }
  };

  return { before: preferHandlingBefore, after: preferHandlingAfter, onError: preferHandlingAfter };
};
