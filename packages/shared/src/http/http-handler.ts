import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler, type Request } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodType, z } from 'zod';
import type { Identity } from '../auth/identity.js';
import type { VerifyToken } from '../auth/jwt-verifier.js';
import type { Logger } from '../logger.js';
import { type Access, authenticate, identityOf } from './middleware/authenticate.js';
import { CORRELATION_ID_HEADER, correlationId } from './middleware/correlation-id.js';
import { jsonBody } from './middleware/json-body.js';
import { problemErrorHandler } from './middleware/problem-error-handler.js';
import { validateRequest } from './middleware/validate-request.js';

/** What a handler receives: already parsed and validated input. */
export interface HttpRequest<TBody, TPath, TQuery> {
  body: TBody;
  path: TPath;
  query: TQuery;
  /** Lower-cased request headers. */
  headers: Readonly<Record<string, string | undefined>>;
  correlationId: string;
  /** The verified caller; absent only on `public` endpoints called without a token. */
  identity?: Identity;
}

/** What a handler returns; `body` is serialised as JSON (omitted for 204). */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface HttpHandlerOptions<TBody, TPath, TQuery> {
  logger: Logger;
  /** Schemas for the parts of the request this endpoint reads; unknown parts are not parsed. */
  request?: { body?: TBody; path?: TPath; query?: TQuery };
  /** Largest accepted body, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Allowed CORS origins (default `['*']`). */
  corsOrigins?: string[];
  /** Who may call: `public`, any signed-in `user` (the default), or `admin`. */
  access?: Access;
  /** Verifies bearer tokens; required unless `access` is `public`. */
  verifyToken?: VerifyToken;
}

export type HttpHandler = MiddyfiedHandler<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  Context
>;

/**
 * Middy's CORS and security-header middlewares write canonical-case names; lower-casing them all
 * keeps one spelling per header (HTTP/2 requires lower case anyway). Registered first, so it runs last.
 */
const lowerCaseResponseHeaders = (): MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => {
  const lowerCaseResponseHeadersAfter = async (
    request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>,
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
 * export const createGetProductHandler = ({ getProduct, logger }: Deps) =>
 *   httpHandler({ logger, access: 'public', request: { path: z.object({ id: z.uuid() }) } }, async ({ path }) => ({
 *     status: 200,
 *     body: await getProduct(path.id),
 *   }));
 */
export const httpHandler = <
  TBody extends ZodType | undefined = undefined,
  TPath extends ZodType | undefined = undefined,
  TQuery extends ZodType | undefined = undefined,
>(
  options: HttpHandlerOptions<TBody, TPath, TQuery>,
  handle: (request: HttpRequest<Infer<TBody>, Infer<TPath>, Infer<TQuery>>) => Promise<HttpResult>,
): HttpHandler => {
  const {
    logger,
    request: schemas = {},
    maxBodyBytes,
    corsOrigins = ['*'],
    access = 'user',
    verifyToken,
  } = options;

  const base = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(lowerCaseResponseHeaders())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationId(logger))
    .use(httpSecurityHeaders())
    .use(httpCors({ origins: corsOrigins }))
    .use(problemErrorHandler(logger))
    // Before the body is even parsed: strangers get 401 for the price of a header check.
    .use(authenticate({ access, verifyToken }));
  const withBody = schemas.body === undefined ? base : base.use(jsonBody({ maxBytes: maxBodyBytes }));
  const validated = withBody.use(
    validateRequest({ body: schemas.body, path: schemas.path, query: schemas.query } as Record<
      string,
      ZodType
    >),
  );

  return validated.handler(async (event) =>
    toResponse(
      await handle({
        body: event.body as Infer<TBody>,
        path: event.pathParameters as Infer<TPath>,
        query: event.queryStringParameters as Infer<TQuery>,
        headers: event.headers ?? {},
        // Always set: the correlationId middleware ran before this.
        correlationId: event.headers?.[CORRELATION_ID_HEADER] ?? '',
        identity: identityOf(event),
      }),
    ),
  );
};
