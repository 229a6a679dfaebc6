import { randomUUID } from 'node:crypto';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '../../logger.js';
import type { HttpContext } from '../http-context.js';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Anything else (too long, odd characters) is replaced rather than logged as given.
const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;

/**
 * The correlation id of a request: the client's `x-correlation-id` when it is safe to log,
 * otherwise the Lambda request id (unique per invocation everywhere, whereas serverless-offline
 * gives every HTTP API request the same `requestContext.requestId`).
 */
const correlationIdFor = (event: APIGatewayProxyEventV2, context: HttpContext): string => {
  const fromClient = event.headers?.[CORRELATION_ID_HEADER];
  if (fromClient !== undefined && SAFE_CORRELATION_ID.test(fromClient)) return fromClient;
  const fromLambda = context.awsRequestId;
  return fromLambda !== undefined && SAFE_CORRELATION_ID.test(fromLambda) ? fromLambda : randomUUID();
};

/**
 * Puts a correlation id on every log line of the request (and on `context.correlationId` for the
 * handler) and echoes it in the response, so a client's report can be traced through logs and,
 * via events, into other services.
 */
export const correlationId = (
  logger: Logger,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext> => {
  type HttpRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>;

  const correlationIdBefore = async (request: HttpRequest): Promise<void> => {
    request.context.correlationId = correlationIdFor(request.event, request.context);
    logger.setCorrelationId(request.context.correlationId);
  };

  const correlationIdAfter = async (request: HttpRequest): Promise<void> => {
    const id = request.context.correlationId;
    if (request.response && id !== undefined) {
      request.response.headers = { ...request.response.headers, [CORRELATION_ID_HEADER]: id };
    }
  };

  return { before: correlationIdBefore, after: correlationIdAfter, onError: correlationIdAfter };
};
