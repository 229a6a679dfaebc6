import { randomUUID } from 'node:crypto';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '../../logger.js';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Anything else (too long, odd characters) is replaced rather than logged as given.
const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;

/**
 * The correlation id of the current request: the client's `x-correlation-id` when it is safe to
 * log, otherwise the Lambda request id (unique per invocation everywhere, whereas
 * serverless-offline gives every HTTP API request the same `requestContext.requestId`).
 */
export const correlationIdOf = (event: APIGatewayProxyEventV2, context?: Context): string => {
  const fromClient = event.headers?.[CORRELATION_ID_HEADER];
  if (fromClient !== undefined && SAFE_CORRELATION_ID.test(fromClient)) return fromClient;
  const fromLambda = context?.awsRequestId;
  return fromLambda !== undefined && SAFE_CORRELATION_ID.test(fromLambda) ? fromLambda : randomUUID();
};

/**
 * Puts a correlation id on every log line of the request and echoes it in the response,
 * so a client's report can be traced through logs and, via events, into other services.
 */
export const correlationId = (
  logger: Logger,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const correlationIdBefore = async (request: Request<APIGatewayProxyEventV2>): Promise<void> => {
    const id = correlationIdOf(request.event, request.context);
    // Written back into the headers so the handler and the response read the same value.
    request.event.headers = { ...request.event.headers, [CORRELATION_ID_HEADER]: id };
    logger.setCorrelationId(id);
  };

  const correlationIdAfter = async (
    request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>,
  ): Promise<void> => {
    const id = request.event.headers?.[CORRELATION_ID_HEADER];
    if (request.response && id !== undefined) {
      request.response.headers = { ...request.response.headers, [CORRELATION_ID_HEADER]: id };
    }
  };

  return { before: correlationIdBefore, after: correlationIdAfter, onError: correlationIdAfter };
};
