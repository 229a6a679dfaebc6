import { type $ZodType, toJSONSchema } from 'zod/v4/core';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` with every `additionalProperties: false` removed, at any depth. */
const allowingUnknownProperties = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(allowingUnknownProperties);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([keyword, inner]) => !(keyword === 'additionalProperties' && inner === false))
      .map(([keyword, inner]) => [keyword, allowingUnknownProperties(inner)]),
  );
};

/**
 * The JSON Schema of a zod schema (classic or mini): what it accepts (`input`, for requests:
 * defaults make fields optional, a transform is described by what it reads) or what it produces
 * (`output`, for responses and events).
 *
 * Requests are parsed leniently unless the client prefers `handling=strict` (see `requestParser`),
 * so `lenient: true` describes the default: unknown properties are allowed (and ignored).
 *
 * @example
 * jsonSchemaOf(z.object({ limit: z.coerce.number().default(20) }), { io: 'input' })
 */
export const jsonSchemaOf = (
  schema: $ZodType,
  { io, lenient = false }: { io: 'input' | 'output'; lenient?: boolean },
): JsonSchema => {
  const { $schema: _dialect, ...jsonSchema } = toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // Refinements (a total that must add up) cannot be said in JSON Schema: their base type is.
    unrepresentable: 'any',
  }) as JsonSchema;
  return (lenient ? allowingUnknownProperties(jsonSchema) : jsonSchema) as JsonSchema;
};
