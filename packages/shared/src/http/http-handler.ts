import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler, type Request } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Identity } from '../auth/identity.js';
import type { VerifyToken } from '../auth/jwt-verifier.js';
import { INVOCATION_RESERVE_MS } from '../aws/timeouts.js';
import { ServiceUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { HttpContext } from './http-context.js';
import { type Access, authenticate } from './middleware/authenticate.js';
import { correlationId } from './middleware/correlation-id.js';
import { jsonBody } from './middleware/json-body.js';
import { preferHandling } from './middleware/prefer-handling.js';
import { problemErrorHandler } from './middleware/problem-error-handler.js';
import { type ParsedRequest, type RequestSchemas, requestParser } from './parse-request.js';

/** What a handler receives: the parts of the request it declared, parsed and validated. */
export type HttpRequest<T extends RequestSchemas = RequestSchemas> = ParsedRequest<T> & {
  /** Lower-cased request headers. */
  headers: Readonly<Record<string, string | undefined>>;
  correlationId: string;
  /** The verified caller; absent only on `public` endpoints. */
  identity?: Identity;
};

/** What a handler returns; `body` is serialised as JSON (omitted for 204). */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What every HTTP function's composition root provides: see `httpEnvironment`. */
export interface HttpDeps {
  logger: Logger;
  /** Allowed CORS origins (default `['*']`). */
  corsOrigins?: string[];
  /** Verifies bearer tokens; required unless `access` is `public`. */
  verifyToken?: VerifyToken;
}

export interface HttpHandlerOptions<T extends RequestSchemas> extends HttpDeps {
  /** Schemas for the parts of the request this endpoint reads (`{}` for none); others are not parsed. */
  request: T;
  /** Largest accepted body, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Who may call: `public`, any signed-in `user` (the default), or `admin`. */
  access?: Access;
}

/**
 * What an endpoint declared about its requests, kept on its handler so the API description
 * (OpenAPI) is generated from the very schemas and access rule the endpoint enforces.
 */
export interface HttpContract {
  request: RequestSchemas;
  access: Access;
  maxBodyBytes?: number;
}

export type HttpHandler = MiddyfiedHandler<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
> & { readonly contract: HttpContract };

type HttpMiddleware = MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
>;

/**
 * Middy's CORS and security-header middlewares write canonical-case names; lower-casing them all
 * keeps one spelling per header (HTTP/2 requires lower case anyway). Registered first, so it runs last.
 */
const lowerCaseResponseHeaders = (): HttpMiddleware => {
  const lowerCaseResponseHeadersAfter = async (
    request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>,
  ) => {
    const { response } = request;
    if (response?.headers) {
      response.headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
    }
  };
  return { after: lowerCaseResponseHeadersAfter, onError: lowerCaseResponseHeadersAfter };
};

const toResponse = ({ status, body, headers }: HttpResult): APIGatewayProxyStructuredResultV2 =>
  body === undefined
    ? { statusCode: status, headers: { ...headers } }
    : {
        statusCode: status,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      };

/**
 * Wraps a handler in the middleware stack every HTTP endpoint uses: Lambda context and correlation
 * id on every log line, bearer-token authentication (secure by default: `access` is `user` unless
 * said otherwise), JSON body parsing with a size limit, zod validation of body/path/query, CORS
 * and security headers, and problem+json errors.
 *
 * @example
 * export const getProductHandler = ({ findProduct, ...deps }: HttpDeps & { findProduct: FindProduct }) =>
 *   httpHandler({ ...deps, access: 'public', request: { path: z.object({ id: z.uuid() }) } }, async ({ path }) =>
 *     ok(await findProduct(path.id)),
 *   );
 */
export const httpHandler = <T extends RequestSchemas>(
  options: HttpHandlerOptions<T>,
  handle: (request: HttpRequest<T>) => Promise<HttpResult>,
): HttpHandler => {
  const {
    logger,
    request: schemas,
    maxBodyBytes,
    corsOrigins = ['*'],
    access = 'user',
    verifyToken,
  } = options;
  const parseRequest = requestParser(schemas);

  const base = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>({
    // A dependency slow enough to use up the function's time is a 503 the client may retry, answered
    // while there is time to answer, never a function timeout (a 500, mid-work).
    timeoutEarlyInMillis: INVOCATION_RESERVE_MS,
    timeoutEarlyResponse: () => {
      throw new ServiceUnavailableError('A dependency is too slow right now; retry shortly');
    },
  })
    .use(lowerCaseResponseHeaders())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationId(logger));
  // Only a body can carry fields the endpoint does not know, so only endpoints with one take
  // `Prefer: handling=…`. Registered before the error handler, so its onError sees the problem.
  const withPreference = schemas.body === undefined ? base : base.use(preferHandling());
  const protectedBase = withPreference
    .use(httpSecurityHeaders())
    .use(httpCors({ origins: corsOrigins }))
    .use(problemErrorHandler(logger))
    // Before the body is even parsed: strangers get 401 for the price of a header check.
    .use(authenticate({ access, verifyToken }));
  const withBody =
    schemas.body === undefined ? protectedBase : protectedBase.use(jsonBody({ maxBytes: maxBodyBytes }));

  const handler = withBody.handler(async (event, context) =>
    toResponse(
      await handle({
        ...parseRequest(event, context.jsonBody, { handling: context.handling }),
        headers: event.headers ?? {},
        // Set by the correlationId middleware, which always runs first.
        correlationId: context.correlationId ?? context.awsRequestId,
        identity: context.caller,
      }),
    ),
  );
  return Object.assign(handler, { contract: { request: schemas, access, maxBodyBytes } });
};
