import { describe, expect, it } from 'vitest';
import * as z from '../zod.js';
import { jsonSchemaOf } from './json-schema.js';

describe('jsonSchemaOf, lenient', () => {
  it('allows unknown properties at any depth and keeps every other keyword, false and null values included', () => {
    const body = z.strictObject({
      nothing: z.literal(null),
      flag: z.literal(false),
      counts: z.record(z.string(), z.number()),
      nested: z.strictObject({ on: z._default(z.boolean(), false) }),
    });

    expect(jsonSchemaOf(body, { io: 'input', lenient: true })).toEqual({
      type: 'object',
      properties: {
        nothing: { type: 'null', const: null },
        flag: { type: 'boolean', const: false },
        // A map's value schema is an `additionalProperties` too, one that describes rather than forbids.
        counts: {
          type: 'object',
          propertyNames: { type: 'string' },
          additionalProperties: { type: 'number' },
        },
        nested: { type: 'object', properties: { on: { type: 'boolean', default: false } } },
      },
      required: ['nothing', 'flag', 'counts', 'nested'],
    });
  });
});
