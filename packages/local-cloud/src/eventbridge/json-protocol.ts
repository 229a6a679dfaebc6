import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventBridgeApiError } from './api-error.js';

/**
 * EventBridge speaks AWS JSON 1.1: POST with `X-Amz-Target: AWSEvents.<Operation>`, a JSON body in
 * and out, and errors as HTTP 4xx/5xx with `{"__type": code, "message": text}`, which is what the
 * SDK's error deserialiser reads.
 */
export const TARGET_PREFIX = 'AWSEvents.';
/** AWS rejects request bodies over 1 MiB before looking at them; so do we. */
export const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new EventBridgeApiError(
            'RequestEntityTooLargeException',
            'Request body exceeds 1048576 bytes.',
            413,
          ),
        );
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}

export function sendError(response: ServerResponse, error: EventBridgeApiError): void {
  response.setHeader('x-amzn-errortype', error.code);
  sendJson(response, error.statusCode, { __type: error.code, message: error.message });
}
