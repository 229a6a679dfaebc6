import { PROBLEM_TYPE_BASE } from '../http/problem.js';
import * as z from '../zod.js';
import { correlationIdHeader, type HeaderObject } from './headers.js';
import { jsonSchemaOf } from './json-schema.js';

const fieldErrorSchema = z.object({
  in: z.enum(['body', 'path', 'query', 'header']),
  pointer: z.string().check(z.startsWith('#')),
  detail: z.string(),
});

/** An `application/problem+json` body (RFC 9457), with the field errors of a validation problem. */
export const problemSchema = z.looseObject({
  type: z.url().check(z.startsWith(PROBLEM_TYPE_BASE)),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(fieldErrorSchema)),
});

/** The JSON Schema components every document references: `Problem`. */
export const problemComponents = () => ({ Problem: jsonSchemaOf(problemSchema, { io: 'output' }) });

interface ProblemStatus {
  description: string;
  headers?: Record<string, HeaderObject>;
  /** Another body this status may have, besides problem+json. */
  alternative?: { mediaType: string; schema: Record<string, unknown> };
}

/** What each problem status means in these APIs, and the headers it always carries. */
export const PROBLEM_STATUSES: Readonly<Record<number, ProblemStatus>> = {
  400: { description: 'Malformed JSON, or an invalid path parameter, query parameter or header' },
  401: {
    description:
      'No bearer token, or one that is not valid (expired, tampered, another issuer or app client). Deployed, API Gateway’s JWT authorizer may answer first, with its own `{"message":"Unauthorized"}`: then the headers below are not guaranteed.',
    alternative: {
      mediaType: 'application/json',
      schema: { type: 'object', required: ['message'], properties: { message: { const: 'Unauthorized' } } },
    },
    headers: {
      'www-authenticate': {
        required: true,
        description: 'The bearer challenge (RFC 6750)',
        schema: { type: 'string', pattern: '^Bearer' },
      },
    },
  },
  403: { description: 'A valid token without the right: another user’s data, or an admin-only action' },
  404: { description: 'The resource does not exist' },
  409: { description: 'The request conflicts with the resource’s state; `reason` says how' },
  412: { description: '`If-Match` named a version that is no longer current: re-read and reapply' },
  413: { description: 'The body is larger than this endpoint accepts' },
  415: { description: 'The body was not sent as JSON (`Content-Type: application/json`)' },
  422: {
    description:
      'JSON that breaks the contract: wrong types, missing or out-of-range fields (and unknown ones under `Prefer: handling=strict`); `errors` names each',
  },
  500: {
    description:
      'A bug; the body never carries a message or stack trace (they are logged). When the function itself fails (it crashed, timed out or its instance died), API Gateway answers instead, with its own `{"message":"Internal Server Error"}` and none of the headers below.',
    alternative: {
      mediaType: 'application/json',
      schema: {
        type: 'object',
        required: ['message'],
        properties: { message: { const: 'Internal Server Error' } },
      },
    },
  },
  503: {
    description:
      'A dependency (the table, the bus, the token issuer) is unavailable: nothing was changed, retry',
    headers: {
      'retry-after': {
        required: true,
        description: 'Seconds to wait before retrying',
        schema: { type: 'string', pattern: '^\\d+$' },
      },
    },
  },
};

/** The response object of a problem status, every header it carries included. */
export const problemResponse = (status: number, extraHeaders: Record<string, HeaderObject> = {}) => {
  const known = PROBLEM_STATUSES[status];
  if (known === undefined) throw new Error(`No description of problem status ${status}`);
  const headers: Record<string, HeaderObject> = { ...correlationIdHeader, ...known.headers, ...extraHeaders };
  return {
    description: known.description,
    // API Gateway's own answer (the alternative body) carries none of our headers.
    headers:
      known.alternative === undefined
        ? headers
        : Object.fromEntries(
            Object.entries(headers).map(([name, header]) => [name, { ...header, required: false }]),
          ),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { status: { const: status } } }],
        },
      },
      ...(known.alternative === undefined
        ? {}
        : { [known.alternative.mediaType]: { schema: known.alternative.schema } }),
    },
  };
};
