import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { httpEvent } from '../testing/index.js';
import * as z from '../zod.js';
import { type Handling, requestParser } from './parse-request.js';

const parse = requestParser({
  body: z.strictObject({ 'a/b': z.string(), 'c~d': z.number(), items: z.array(z.number()) }),
  path: z.object({ id: z.uuid() }),
  query: z.object({ limit: z._default(z.coerce.number().check(z.maximum(10)), 5) }),
});
const id = '0b0d7a8e-5a4b-4c43-9a58-6b8f7c2d1e00';

const failureOf = (event: ReturnType<typeof httpEvent>, body: unknown, handling: Handling = 'strict') => {
  try {
    parse(event, body, { handling });
  } catch (error) {
    if (error instanceof ValidationError) return { message: error.message, fields: error.fieldErrors };
    throw error;
  }
  throw new Error('parsed');
};

describe('requestParser', () => {
  it('returns every part parsed, defaults applied', () => {
    expect(parse(httpEvent({ pathParameters: { id } }), { 'a/b': 'x', 'c~d': 1, items: [] })).toEqual({
      body: { 'a/b': 'x', 'c~d': 1, items: [] },
      path: { id },
      query: { limit: 5 },
    });
  });

  it('reads absent path parameters and query as empty', () => {
    const onlyQuery = requestParser({ query: z.object({ limit: z._default(z.coerce.number(), 5) }) });

    expect(onlyQuery(httpEvent(), undefined)).toEqual({ query: { limit: 5 } });
  });

  it('addresses each failing field by a JSON Pointer into its own part, escaping ~ and /', () => {
    const { fields } = failureOf(httpEvent({ pathParameters: { id: 'x' }, query: { limit: '11' } }), {
      'a/b': 1,
      'c~d': 'x',
      items: [1, 'two'],
      extra: true,
    });

    expect(fields).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '#/a~1b', detail: expect.any(String) },
        { in: 'body', pointer: '#/c~0d', detail: expect.any(String) },
        { in: 'body', pointer: '#/items/1', detail: expect.any(String) },
        { in: 'body', pointer: '#/extra', detail: 'Unknown field' },
        { in: 'path', pointer: '#/id', detail: expect.any(String) },
        { in: 'query', pointer: '#/limit', detail: expect.any(String) },
      ]),
    );
    expect(fields).toHaveLength(6);
  });

  it('points at the whole body when the body is not an object', () => {
    expect(failureOf(httpEvent({ pathParameters: { id } }), 'text').fields).toEqual([
      { in: 'body', pointer: '#', detail: 'Invalid input: expected object, received string' },
    ]);
  });

  it('names the first failing field in the message and counts the others', () => {
    const one = failureOf(httpEvent({ pathParameters: { id } }), {
      'a/b': 'x',
      'c~d': 1,
      items: [],
      extra: 1,
    });
    const three = failureOf(httpEvent({ pathParameters: { id: 'x' } }), {
      'a/b': 'x',
      'c~d': 1,
      items: [],
      extra: 1,
      more: 2,
    });

    expect(one.message).toBe('body #/extra: Unknown field');
    expect(three.message).toBe('body #/extra: Unknown field (and 2 more)');
  });

  describe('unknown fields', () => {
    const nested = requestParser({
      body: z.strictObject({
        userName: z.string(),
        items: z.array(
          z.strictObject({ productId: z.string(), quantity: z.number().check(z.int(), z.minimum(1)) }),
        ),
        note: z.optional(z.strictObject({ text: z.string() })),
      }),
    });
    const withExtras = {
      userName: 'swn',
      id: 'ignored',
      items: [
        { productId: 'p-1', quantity: 2, prodcutName: 'typo' },
        { productId: 'p-2', quantity: 1 },
      ],
      note: { text: 'hi', colour: 'red' },
    };

    it('are ignored by default at any depth, and dropped from what the handler gets', () => {
      expect(nested(httpEvent(), withExtras).body).toEqual({
        userName: 'swn',
        items: [
          { productId: 'p-1', quantity: 2 },
          { productId: 'p-2', quantity: 1 },
        ],
        note: { text: 'hi' },
      });
    });

    it('leave the input as the client sent it', () => {
      const sent = structuredClone(withExtras);
      nested(httpEvent(), sent);
      expect(sent).toEqual(withExtras);
    });

    it('are each a field error when strict handling is asked for', () => {
      expect(() => nested(httpEvent(), withExtras, { handling: 'strict' })).toThrow(ValidationError);
      try {
        nested(httpEvent(), withExtras, { handling: 'strict' });
      } catch (error) {
        expect((error as ValidationError).fieldErrors.map((field) => field.pointer).sort()).toEqual([
          '#/id',
          '#/items/0/prodcutName',
          '#/note/colour',
        ]);
      }
    });

    it('never excuse a wrong type, a missing field or an out-of-range value; only those are reported', () => {
      const { fields } = failureOf(
        httpEvent({ pathParameters: { id } }),
        { 'a/b': 'x', 'c~d': 'one', items: [], extra: true },
        'lenient',
      );
      expect(fields).toEqual([{ in: 'body', pointer: '#/c~0d', detail: expect.any(String) }]);
      expect(() =>
        nested(httpEvent(), { ...withExtras, items: [{ productId: 'p-1', quantity: 0, extra: 1 }] }),
      ).toThrow(ValidationError);
    });
  });
});
