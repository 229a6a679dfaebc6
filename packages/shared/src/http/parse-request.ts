import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type FieldError, ValidationError } from '../errors.js';
import * as z from '../zod.js';

/** The parts of a request an endpoint may declare a schema for. */
export type RequestPart = 'body' | 'path' | 'query';

/** Schemas for the parts of a request an endpoint reads; parts without a schema are not read. */
export type RequestSchemas = { readonly [K in RequestPart]?: z.ZodMiniType } & z.core.$ZodShape;

/** The validated request: each part the endpoint declared, parsed by its schema. */
export type ParsedRequest<T extends RequestSchemas> = z.output<z.ZodMiniObject<T>>;

const toPointer = (path: PropertyKey[]): string =>
  `#/${path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`.replace(
    /\/$/,
    '',
  );

/**
 * Turns zod issues into field errors with JSON Pointers, one per unknown key. The first segment of
 * each issue's path says which part of the request failed.
 */
const toFieldErrors = (issues: z.core.$ZodIssue[]): FieldError[] =>
  issues.flatMap((issue): FieldError[] => {
    const [part, ...path] = issue.path;
    const where: FieldError['in'] = part === 'path' || part === 'query' ? part : 'body';
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ in: where, pointer: toPointer([...path, key]), detail: 'Unknown field' }))
      : [{ in: where, pointer: toPointer(path), detail: issue.message }];
  });

const describe = (errors: FieldError[]): string => {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return first === undefined ? 'Invalid request' : `${first.in} ${first.pointer}: ${first.detail}${more}`;
};

/**
 * Builds the parser of an endpoint's request: body (as parsed JSON), path parameters and query
 * string validated together by one zod object, so the handler gets typed values (defaults applied,
 * strings coerced) or one `ValidationError` listing every failing field.
 *
 * @example
 * const parse = requestParser({ path: z.object({ id: z.uuid() }) });
 * const { path } = parse(event, undefined);
 */
export const requestParser = <T extends RequestSchemas>(schemas: T) => {
  const schema = z.object(schemas);
  return (event: APIGatewayProxyEventV2, jsonBody: unknown): ParsedRequest<T> => {
    const result = schema.safeParse({
      body: jsonBody,
      path: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
    });
    if (result.success) return result.data;
    const fieldErrors = toFieldErrors(result.error.issues);
    throw new ValidationError(describe(fieldErrors), fieldErrors);
  };
};
