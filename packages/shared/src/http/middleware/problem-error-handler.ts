import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '../../logger.js';
import type { HttpContext } from '../http-context.js';
import { toProblem } from '../problem.js';

/**
 * The one place errors become HTTP responses: `application/problem+json` (RFC 9457) with the
 * status the error maps to. Client mistakes are logged at warn, everything else at error with
 * its stack; neither message nor stack of an unexpected error reaches the response.
 */
export const problemErrorHandler = (
  logger: Logger,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext> => {
  const problemErrorHandlerOnError = async (
    request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>,
  ): Promise<void> => {
    const { body, headers } = toProblem(request.error);
    if (body.status >= 500) logger.error('Request failed', { problem: body.type, error: request.error });
    else logger.warn('Request rejected', { problem: body.type, status: body.status, detail: body.detail });

    request.response = {
      statusCode: body.status,
      headers: { ...headers, 'content-type': 'application/problem+json' },
      body: JSON.stringify(body),
    };
  };

  return { onError: problemErrorHandlerOnError };
};
