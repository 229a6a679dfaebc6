import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../http/pagination.js';
import * as z from '../zod.js';
import { type ScanPageQuery, scanPage } from './scan-page.js';

type Key = { pk: string; sk: string };
type Basket = { userName: string };
type ScanResult = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Key };

const basketRecord = (userName: string) => ({ pk: userName, sk: 'basket', total: 10 });
const basketKey = (userName: string): Key => ({ pk: userName, sk: 'basket' });
// A record another item shares the table with, filtered out: where a Scan page may end.
const checkoutKey = (userName: string): Key => ({ pk: userName, sk: 'checkout#1' });

const startKeySchema = z.strictObject({ pk: z.string(), sk: z.string() });

/** A document client that answers each Scan with the next scripted result and records its input. */
const fakeClient = (results: ScanResult[]) => {
  const inputs: Record<string, unknown>[] = [];
  const send = async (command: unknown) => {
    expect(command).toBeInstanceOf(ScanCommand);
    inputs.push((command as ScanCommand).input);
    const result = results[inputs.length - 1];
    // A scan past the script would otherwise loop or fail obscurely.
    if (result === undefined) throw new Error(`unscripted Scan #${inputs.length}`);
    return result;
  };
  return { documentClient: { send } as unknown as DynamoDBDocumentClient, inputs };
};

const query = (overrides: Partial<ScanPageQuery<Basket>> = {}): ScanPageQuery<Basket> => ({
  tableName: 'baskets',
  limit: 2,
  cursor: undefined,
  startKeySchema,
  filter: { FilterExpression: 'sk = :basket', ExpressionAttributeValues: { ':basket': 'basket' } },
  toItem: (record) => ({ userName: record.pk as string }),
  keyOf: (basket) => basketKey(basket.userName),
  ...overrides,
});

const cursorKey = (cursor: string | undefined) => decodeCursor(cursor, startKeySchema);

describe('scanPage', () => {
  it('returns a page filled by the first Scan after that one Scan', async () => {
    const { documentClient, inputs } = fakeClient([
      { Items: [basketRecord('ann'), basketRecord('bob')], LastEvaluatedKey: basketKey('bob') },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([{ userName: 'ann' }, { userName: 'bob' }]);
    expect(inputs).toHaveLength(1);
    expect(cursorKey(page.nextCursor)).toEqual(basketKey('bob'));
  });

  it('sends the table, the limit and the filter with every Scan, each starting where the last ended', async () => {
    const { documentClient, inputs } = fakeClient([
      { Items: [], LastEvaluatedKey: checkoutKey('ann') },
      { Items: [basketRecord('bob'), basketRecord('cat')] },
    ]);

    await scanPage(documentClient, query());

    const filter = { FilterExpression: 'sk = :basket', ExpressionAttributeValues: { ':basket': 'basket' } };
    expect(inputs).toEqual([
      { TableName: 'baskets', Limit: 2, ExclusiveStartKey: undefined, ...filter },
      { TableName: 'baskets', Limit: 2, ExclusiveStartKey: checkoutKey('ann'), ...filter },
    ]);
  });

  it('starts the first Scan at the key the cursor decodes to', async () => {
    const { documentClient, inputs } = fakeClient([{ Items: [basketRecord('dan')] }]);

    await scanPage(documentClient, query({ cursor: encodeCursor(checkoutKey('cat')) }));

    expect(inputs[0]?.ExclusiveStartKey).toEqual(checkoutKey('cat'));
  });

  it('scans on past short and empty pages until the page is full', async () => {
    const { documentClient, inputs } = fakeClient([
      { Items: [basketRecord('ann')], LastEvaluatedKey: checkoutKey('ann') },
      { Items: [], LastEvaluatedKey: checkoutKey('bob') },
      { Items: [basketRecord('cat')], LastEvaluatedKey: basketKey('cat') },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([{ userName: 'ann' }, { userName: 'cat' }]);
    expect(inputs).toHaveLength(3);
    expect(cursorKey(page.nextCursor)).toEqual(basketKey('cat'));
  });

  it('stops at the end of the table, a short page with no cursor', async () => {
    const { documentClient, inputs } = fakeClient([
      { Items: [basketRecord('ann')], LastEvaluatedKey: checkoutKey('ann') },
      { Items: [] },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page).toEqual({ items: [{ userName: 'ann' }], nextCursor: undefined });
    expect(inputs).toHaveLength(2);
  });

  it('stops after 5 Scans with more to read, the cursor at the last key scanned', async () => {
    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((userName) => ({
      Items: [],
      LastEvaluatedKey: checkoutKey(userName),
    }));
    const { documentClient, inputs } = fakeClient(results);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([]);
    expect(inputs).toHaveLength(5);
    expect(cursorKey(page.nextCursor)).toEqual(checkoutKey('e'));
  });

  it('cuts a page that overfills at the limit, the cursor at the last item kept', async () => {
    // The second Scan brings two items where one was missing: `bob` is the last one listed, and
    // the next page must start after it, not after `cat` (LastEvaluatedKey), or `cat` is skipped.
    const { documentClient, inputs } = fakeClient([
      { Items: [basketRecord('ann')], LastEvaluatedKey: checkoutKey('ann') },
      { Items: [basketRecord('bob'), basketRecord('cat')], LastEvaluatedKey: basketKey('cat') },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([{ userName: 'ann' }, { userName: 'bob' }]);
    expect(inputs).toHaveLength(2);
    expect(cursorKey(page.nextCursor)).toEqual(basketKey('bob'));
  });

  it('ends a page filled exactly at the Scan’s LastEvaluatedKey', async () => {
    // The Scan ended past the last item, on a filtered-out record: that is where the next one starts.
    const { documentClient } = fakeClient([
      { Items: [basketRecord('ann')], LastEvaluatedKey: checkoutKey('ann') },
      { Items: [basketRecord('bob')], LastEvaluatedKey: checkoutKey('bob') },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([{ userName: 'ann' }, { userName: 'bob' }]);
    expect(cursorKey(page.nextCursor)).toEqual(checkoutKey('bob'));
  });

  it('treats a Scan result without Items as an empty page', async () => {
    const { documentClient, inputs } = fakeClient([
      { LastEvaluatedKey: checkoutKey('ann') },
      { Items: [basketRecord('bob'), basketRecord('cat')] },
    ]);

    const page = await scanPage(documentClient, query());

    expect(page.items).toEqual([{ userName: 'bob' }, { userName: 'cat' }]);
    expect(inputs).toHaveLength(2);
  });

  it.each([
    ['not a cursor', 'not-base64-json'],
    ['a key of the wrong shape', encodeCursor({ pk: 1, sk: 'basket' })],
  ])('rejects %s as a validation error on the cursor, before any Scan', async (_, cursor) => {
    const { documentClient, inputs } = fakeClient([]);

    const error = await scanPage(documentClient, query({ cursor })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([
      { in: 'query', pointer: '#/cursor', detail: 'Invalid or expired cursor' },
    ]);
    expect(inputs).toEqual([]);
  });
});
