import type { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
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

    await expect(findProducts(['a'])).rejects.toThrow(ServiceUnavailableError);
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
    await expect(findProducts([...ids, 'p100'])).rejects.toThrow(RangeError);
  });
});
