import type { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '@eshop/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '../domain/product.js';
import { buildFindProducts } from './product-table.js';

// DynamoDB Local never leaves keys unprocessed, so the retry path runs against a fake client here.
const TABLE = 'products';
const product = (id: string) => ({ id, name: `Product ${id}` }) as unknown as Product;

/** A client whose BatchGetItem answers with `rounds[n]` on the n-th call, recording the keys asked. */
const batchGetAnswering = (rounds: { found: string[]; unprocessed: string[] }[]) => {
  const asked: string[][] = [];
  const client = {
    send: async (command: BatchGetCommand) => {
      const keys = command.input.RequestItems?.[TABLE]?.Keys ?? [];
      asked.push(keys.map((key) => String(key.id)));
      const { found, unprocessed } = rounds[asked.length - 1] ?? { found: [], unprocessed: [] };
      return {
        Responses: { [TABLE]: found.map(product) },
        ...(unprocessed.length === 0
          ? {}
          : { UnprocessedKeys: { [TABLE]: { Keys: unprocessed.map((id) => ({ id })) } } }),
      };
    },
  };
  return { findProducts: buildFindProducts(client as unknown as DynamoDBDocumentClient, TABLE), asked };
};

describe('finding several products at once (BatchGetItem)', () => {
  it('asks again for the keys DynamoDB left unprocessed, and answers in the order asked, each once', async () => {
    const { findProducts, asked } = batchGetAnswering([
      { found: ['b'], unprocessed: ['a', 'c'] },
      { found: ['c'], unprocessed: ['a'] },
      { found: ['a'], unprocessed: [] },
    ]);

    const products = await findProducts(['a', 'b', 'a', 'c']);

    expect(products.map(({ id }) => id)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual([['a', 'b', 'c'], ['a', 'c'], ['a']]);
  });

  it('answers 503 after four rounds that left keys unprocessed, backing off between them', async () => {
    const stuck = { found: [], unprocessed: ['a'] };
    const { findProducts, asked } = batchGetAnswering([stuck, stuck, stuck, stuck, stuck]);
    const started = Date.now();

    const lookup = findProducts(['a']);

    await expect(lookup).rejects.toThrow(ServiceUnavailableError);
    await expect(lookup).rejects.toHaveProperty('message', 'The product table is busy; retry shortly');
    expect(asked).toHaveLength(4);
    // 100 + 200 + 400 ms of backoff: throttled keys are not asked again at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });

  it('asks nothing for no ids, and leaves out ids that are not in the table', async () => {
    const empty = batchGetAnswering([]);
    expect(await empty.findProducts([])).toEqual([]);
    expect(empty.asked).toEqual([]);

    const some = batchGetAnswering([{ found: ['a'], unprocessed: [] }]);
    expect(await some.findProducts(['a', 'gone'])).toEqual([product('a')]);
  });

  it('takes 100 distinct ids in one lookup, and refuses more', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `p${i}`);
    const { findProducts } = batchGetAnswering([{ found: ids, unprocessed: [] }]);

    expect(await findProducts([...ids, 'p0'])).toHaveLength(100);
    const tooMany = findProducts([...ids, 'p100']);
    await expect(tooMany).rejects.toThrow(RangeError);
    await expect(tooMany).rejects.toHaveProperty('message', 'At most 100 ids per lookup');
  });

  describe('with a fake clock', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('asks at once, and waits 100 ms before asking again for unprocessed keys', async () => {
      vi.useFakeTimers();
      const { findProducts, asked } = batchGetAnswering([
        { found: [], unprocessed: ['a'] },
        { found: ['a'], unprocessed: [] },
      ]);

      const lookup = findProducts(['a']);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(99);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);

      expect(asked).toHaveLength(2);
      expect(await lookup).toEqual([product('a')]);
    });
  });

  it('stops when DynamoDB reports an empty list of unprocessed keys', async () => {
    const asked: unknown[] = [];
    const client = {
      send: async (command: BatchGetCommand) => {
        asked.push(command.input.RequestItems?.[TABLE]?.Keys);
        return { Responses: { [TABLE]: [product('a')] }, UnprocessedKeys: { [TABLE]: { Keys: [] } } };
      },
    };
    const findProducts = buildFindProducts(client as unknown as DynamoDBDocumentClient, TABLE);

    expect(await findProducts(['a'])).toEqual([product('a')]);
    expect(asked).toEqual([[{ id: 'a' }]]);
  });
});
