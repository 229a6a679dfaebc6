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
 * How fields a schema does not know are handled (RFC 7240 `Prefer: handling=…`): `lenient` (the
 * default) ignores them and drops them from the parsed value, so they are never stored; `strict`
 * rejects them, each one a field error.
 */
export type Handling = 'lenient' | 'strict';

type Issue = z.core.$ZodIssue;
const isUnknownField = (issue: Issue): boolean => issue.code === 'unrecognized_keys';

/** A copy of `value` without `keys` in the object at `path`; everything else shared, nothing mutated. */
const withoutKeys = (value: unknown, path: readonly PropertyKey[], keys: readonly string[]): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  if (head === undefined) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => (index === head ? withoutKeys(item, rest, keys) : item));
  }
  const record: Record<PropertyKey, unknown> = { ...value };
  return { ...record, [head]: withoutKeys(record[head], rest, keys) };
};

const withoutUnknownFields = (input: unknown, issues: Issue[]): unknown =>
  issues.reduce(
    (value, issue) =>
      issue.code === 'unrecognized_keys' ? withoutKeys(value, issue.path, issue.keys) : value,
    input,
  );

/** Strict objects can only report unknown keys at the depth parsing reached: a few rounds suffice. */
const MAX_LENIENT_ROUNDS = 4;

/**
 * Builds the parser of an endpoint's request: body (as parsed JSON), path parameters and query
 * string validated together by one zod object, so the handler gets typed values (defaults applied,
 * strings coerced) or one `ValidationError` listing every failing field.
 *
 * Schemas are written strict (`z.strictObject`), which is what `handling: 'strict'` applies. The
 * lenient default parses again without the fields the strict parse named unknown, so an old or
 * newer client's extra fields are ignored (and never reach a store), while wrong types, missing
 * fields and out-of-range values fail as always.
 *
 * @example
 * const parse = requestParser({ path: z.object({ id: z.uuid() }) });
 * const { path } = parse(event, undefined);
 */
export const requestParser = <T extends RequestSchemas>(schemas: T) => {
  const schema = z.object(schemas);
  return (
    event: APIGatewayProxyEventV2,
    jsonBody: unknown,
    { handling = 'lenient' }: { handling?: Handling } = {},
  ): ParsedRequest<T> => {
    let input: unknown = {
      body: jsonBody,
      path: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
    };
    for (let round = 0; ; round += 1) {
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      const { issues } = result.error;
      const known = handling === 'strict' ? issues : issues.filter((issue) => !isUnknownField(issue));
      if (known.length > 0 || round === MAX_LENIENT_ROUNDS) {
        const fieldErrors = toFieldErrors(known.length > 0 ? known : issues);
        throw new ValidationError(describe(fieldErrors), fieldErrors);
      }
      input = withoutUnknownFields(input, issues);
    }
  };
};
