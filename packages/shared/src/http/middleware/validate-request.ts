import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodType, z } from 'zod';
import { type FieldError, ValidationError } from '../../errors.js';

export interface RequestSchemas {
  body?: ZodType;
  path?: ZodType;
  query?: ZodType;
}

const toPointer = (path: PropertyKey[]): string =>
  `#/${path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`.replace(
    /\/$/,
    '',
  );

/** Turns zod issues into field errors with JSON Pointers, one per unknown key. */
export const toFieldErrors = (where: FieldError['in'], issues: z.core.$ZodIssue[]): FieldError[] =>
  issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          in: where,
          pointer: toPointer([...issue.path, key]),
          detail: 'Unknown field',
        }))
      : [{ in: where, pointer: toPointer(issue.path), detail: issue.message }],
  );

const describe = (errors: FieldError[]): string => {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return first === undefined ? 'Invalid request' : `${first.in} ${first.pointer}: ${first.detail}${more}`;
};

/**
 * Validates body, path parameters and query string against zod schemas, replacing each with
 * its parsed value (defaults applied, strings coerced) or throwing one `ValidationError`
 * that lists every failing field.
 */
export const validateRequest = (schemas: RequestSchemas): MiddlewareObj<APIGatewayProxyEventV2> => {
  const sources = [
    ['path', 'pathParameters', schemas.path],
    ['query', 'queryStringParameters', schemas.query],
    ['body', 'body', schemas.body],
  ] as const;

  const validateRequestBefore = async (request: Request<APIGatewayProxyEventV2>): Promise<void> => {
    const event = request.event as unknown as Record<string, unknown>;
    const fieldErrors: FieldError[] = [];
    for (const [where, property, schema] of sources) {
      if (schema === undefined) continue;
      const result = schema.safeParse(event[property] ?? (where === 'body' ? undefined : {}));
      if (result.success) event[property] = result.data;
      else fieldErrors.push(...toFieldErrors(where, result.error.issues));
    }
    if (fieldErrors.length > 0) throw new ValidationError(describe(fieldErrors), fieldErrors);
  };

  return { before: validateRequestBefore };
};
