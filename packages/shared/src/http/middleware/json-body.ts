import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../errors.js';
import type { HttpContext } from '../http-context.js';

export interface JsonBodyOptions {
  /** Largest accepted body in bytes, measured after base64 decoding. */
  maxBytes?: number;
}

const defaults: Required<JsonBodyOptions> = { maxBytes: 64 * 1024 };

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * Parses a JSON request body into `context.jsonBody`, leaving the event as API Gateway sent it.
 *
 * Written instead of `@middy/http-json-body-parser` because that one answers 415 for malformed
 * JSON; a client that sent broken JSON needs 400, and one that sent 1 MB needs 413 before we
 * spend time parsing it.
 */
export const jsonBody = (
  opts: JsonBodyOptions = {},
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> => {
  // `??`, not a spread: httpHandler passes `maxBytes: undefined` for an endpoint that sets no limit,
  // which a spread would copy over the default, leaving the body unlimited.
  const maxBytes = opts.maxBytes ?? defaults.maxBytes;

  const jsonBodyBefore = async (
    request: Request<APIGatewayProxyEventV2, unknown, Error, HttpContext>,
  ): Promise<void> => {
    const { event } = request;
    const raw = event.body;
    if (raw === undefined || raw === null || raw === '') {
      throw new BadRequestError('A JSON request body is required');
    }
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new PayloadTooLargeError(maxBytes);

    const contentType = event.headers?.['content-type'];
    if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType)) {
      throw new UnsupportedMediaTypeError(
        'Send the request body as JSON with Content-Type: application/json',
      );
    }
    try {
      request.context.jsonBody = JSON.parse(text);
    } catch (error) {
      throw new BadRequestError('The request body is not valid JSON', { cause: error });
    }
  };

  return { before: jsonBodyBefore };
};
